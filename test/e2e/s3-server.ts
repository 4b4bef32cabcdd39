// A private S3 server for the s3: suite: moto (Debian 13's python3-moto, unpacked by provision.sh
// with the Python it needs into a folder of its own) run under chroot on 127.0.0.1, with one
// access key of its own that signatures are checked against; stopped afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/install.js';
import { freePort, listening } from './ports.js';

export const MOTO_ROOT = '/usr/local/lib/compose-guard-e2e/moto';
const SCRIPT = path.join(repoRoot, 'test/e2e/s3-server.py');

export interface S3Server {
  /** restic's repository URL for `bucket/prefix`. */
  url(bucketAndPrefix: string): string;
  accessKeyId: string;
  secretAccessKey: string;
  /** A key that may only read and list. */
  reader: { accessKeyId: string; secretAccessKey: string };
  /** The tail of what the server said (its request log), for failure messages. */
  log(): string;
  stop(): void;
}

export async function startS3Server(): Promise<S3Server> {
  const port = await freePort();
  const key = () => ({ accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(20).toString('base64url') });
  const { accessKeyId, secretAccessKey } = key();
  const reader = key();
  const env = {
    PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', NO_COLOR: '1', S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey,
    S3_READER_ACCESS_KEY_ID: reader.accessKeyId, S3_READER_SECRET_ACCESS_KEY: reader.secretAccessKey,
  };
  // Its log goes to a file: the tests block in spawnSync, and a pipe nobody reads would stall it.
  const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'cg-s3-')), 'moto.log');
  const logFd = openSync(logFile, 'w');
  const server: ChildProcess = spawn('/usr/sbin/chroot', [MOTO_ROOT, '/usr/bin/python3', '-', String(port)], { env, stdio: ['pipe', logFd, logFd] });
  closeSync(logFd);
  const output = () => readFileSync(logFile, 'utf8').slice(-4000);
  let failed = '';
  server.on('error', (e) => { failed = e.message; });
  server.stdin!.on('error', () => undefined);
  server.stdin!.end(readFileSync(SCRIPT));
  for (let i = 0; !(await listening(port)); i++) {
    if (i > 300 || server.exitCode !== null || failed) {
      server.kill();
      throw new Error(`moto did not listen on 127.0.0.1:${port}: ${failed || output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: (bucketAndPrefix) => `s3:http://127.0.0.1:${port}/${bucketAndPrefix}`,
    accessKeyId, secretAccessKey, reader, log: output, stop: () => server.kill(),
  };
}
