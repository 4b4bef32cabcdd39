// What a Compose executable is, from a bounded read of its bytes: the Python script of Compose v1,
// the PyInstaller-built Compose v1 release binary (an ELF file too, so ELF alone proves nothing),
// or a native ELF program (Compose v2). Reads at most HEAD + TAIL + TOC_MAX bytes.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type BinaryKind = 'v1-script' | 'v1-pyinstaller' | 'native' | 'unknown';

const HEAD = 128;
const TAIL = 64 * 1024;
const TOC_MAX = 1024 * 1024;
/** PyInstaller's archive cookie: `MEI\014\013\012\013\016`, then the archive length and TOC offset. */
const COOKIE = Buffer.from([0x4d, 0x45, 0x49, 0x0c, 0x0b, 0x0a, 0x0b, 0x0e]);
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
/** Data files Compose v1's PyInstaller spec bundles; no other program ships them. */
const V1_MARKERS = ['compose/config/config_schema_v', 'compose/GITSHA'];

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(Math.max(0, length));
  let got = 0;
  while (got < buffer.length) {
    const n = readSync(fd, buffer, got, buffer.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buffer.subarray(0, got);
}

/** The PyInstaller archive's table of contents, when the file carries one. */
function pyinstallerToc(fd: number, size: number): Buffer | undefined {
  const tailStart = Math.max(0, size - TAIL);
  const tail = readAt(fd, tailStart, size - tailStart);
  const at = tail.lastIndexOf(COOKIE);
  if (at < 0 || at + 24 > tail.length) return undefined;
  const cookieOffset = tailStart + at;
  const archiveLength = tail.readUInt32BE(at + 8);
  const tocOffset = tail.readUInt32BE(at + 12);
  const tocLength = tail.readUInt32BE(at + 16);
  // The cookie ends the archive; the archive starts archiveLength bytes before the cookie's end.
  const archiveStart = cookieOffset + 24 + 64 - archiveLength;
  const tocStart = archiveStart + tocOffset;
  if (archiveStart < 0 || tocStart < 0 || tocStart >= size) return Buffer.alloc(0);
  return readAt(fd, tocStart, Math.min(tocLength, TOC_MAX, size - tocStart));
}

export function sniffComposeBinary(file: string): BinaryKind {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return 'unknown';
  }
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 0, HEAD);
    if (head.subarray(0, 2).toString('latin1') === '#!') {
      return /python/.test(head.toString('latin1').split('\n')[0] ?? '') ? 'v1-script' : 'unknown';
    }
    if (!head.subarray(0, 4).equals(ELF)) return 'unknown';
    const toc = pyinstallerToc(fd, size);
    if (toc === undefined) return 'native';
    const text = toc.toString('latin1');
    // A PyInstaller program that is not Compose v1 is not Compose at all: read it both ways.
    return V1_MARKERS.some((m) => text.includes(m)) ? 'v1-pyinstaller' : 'unknown';
  } catch {
    return 'unknown';
  } finally {
    closeSync(fd);
  }
}
