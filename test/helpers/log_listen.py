"""Listens on a Unix datagram socket as syslog (/dev/log) or journald would, and appends each
datagram to a file as a 4-byte big-endian length and the bytes.

usage: log_listen.py SOCKET OUTFILE    (creates OUTFILE.ready once listening; stops on SIGTERM)
"""
import os
import signal
import socket
import sys

path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o666)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
open(out + ".ready", "w").close()
with open(out, "ab") as f:
    while True:
        data = s.recv(65536)
        f.write(len(data).to_bytes(4, "big") + data)
        f.flush()
