// Builds a file laid out as PyInstaller lays out a one-file program: an ELF bootloader, then the
// archive (entries, table of contents) and the 88-byte cookie `MEI\014\013\012\013\016`, archive
// length, TOC offset, TOC length, Python version, library name. Used to check that Compose v1's
// PyInstaller-built release binary is recognised by its bytes.
import { copyFileSync, appendFileSync, statSync } from 'node:fs';

function tocEntry(name: string, position: number, length: number, typecode: string): Buffer {
  const nameBytes = Buffer.from(`${name}\0`, 'utf8');
  const size = Math.ceil((18 + nameBytes.length) / 16) * 16;
  const entry = Buffer.alloc(size);
  entry.writeUInt32BE(size, 0);
  entry.writeUInt32BE(position, 4);
  entry.writeUInt32BE(length, 8);
  entry.writeUInt32BE(length, 12);
  entry.writeUInt8(0, 16);
  entry.write(typecode, 17, 'latin1');
  nameBytes.copy(entry, 18);
  return entry;
}

/** A copy of `elf` carrying an archive whose TOC lists `names`. */
export function writePyInstallerBinary(file: string, elf: string, names: string[]): void {
  copyFileSync(elf, file);
  const payload = Buffer.from('print("hello")\n');
  const data = Buffer.concat(names.map(() => payload));
  const toc = Buffer.concat(names.map((n, i) => tocEntry(n, i * payload.length, payload.length, n.endsWith('.json') ? 'x' : 's')));
  const cookie = Buffer.alloc(88);
  Buffer.from([0x4d, 0x45, 0x49, 0x0c, 0x0b, 0x0a, 0x0b, 0x0e]).copy(cookie, 0);
  const archiveLength = data.length + toc.length + cookie.length;
  cookie.writeUInt32BE(archiveLength, 8);
  cookie.writeUInt32BE(data.length, 12);
  cookie.writeUInt32BE(toc.length, 16);
  cookie.writeUInt32BE(309, 20);
  cookie.write('libpython3.9.so.1.0', 24, 'latin1');
  appendFileSync(file, Buffer.concat([data, toc, cookie]));
  statSync(file);
}

/** What Compose 1.29.2's PyInstaller spec bundles (its data files and entry script). */
export const COMPOSE_V1_TOC = ['pyiboot01_bootstrap', 'docker-compose', 'compose/config/config_schema_v1.json', 'compose/config/config_schema_v3.9.json', 'compose/GITSHA', 'PYZ-00.pyz'];
