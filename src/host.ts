// What the library takes from the host: the process environment as a value, and the file reads
// the resolver and the policy need, behind an interface so tests can count or fake them.
// Reads are bounded: only regular files under a size limit are read. A pipe, a device or a huge
// file is "cannot see" (CannotSee), never read: the real program may need that pipe's data
// (`-f <(cat compose.yaml)`), and /dev/zero never ends.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { CannotSee } from './errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ProjectFs {
  /** The file's text, or undefined when it does not exist or cannot be opened; throws CannotSee. */
  read(file: string): string | undefined;
  isFile(file: string): boolean;
}

/** Compose files, .env files and docker configuration: larger ones are not read (parsing is synchronous and must fit the judge's deadline). */
export const MAX_PROJECT_FILE_BYTES = 1024 * 1024;

/**
 * A regular file's bytes, at most `maxBytes`; undefined when it cannot be opened (no such file,
 * no permission, a folder). A FIFO is never opened, waited on or drained.
 */
export function readBounded(file: string, maxBytes: number): Buffer | undefined {
  // Look before opening: even a non-blocking open of a FIFO releases a writer waiting for the
  // real program, and what it then writes is lost when we close.
  let kind: Stats;
  try {
    kind = statSync(file);
  } catch {
    return undefined;
  }
  if (!kind.isFile() && !kind.isDirectory()) throw new CannotSee(`${file} is not a regular file (a pipe, socket or device), so compose-guard does not read it`);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return undefined;
    if (!st.isFile()) throw new CannotSee(`${file} is not a regular file (a pipe, socket or device), so compose-guard does not read it`);
    if (st.size > maxBytes) throw new CannotSee(`${file} is larger than ${maxBytes} bytes, so compose-guard does not read it`);
    const buffer = Buffer.alloc(st.size + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > st.size) throw new CannotSee(`${file} grew while it was read, so compose-guard does not use it`);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

export const realFs: ProjectFs = {
  read(file) {
    return readBounded(file, MAX_PROJECT_FILE_BYTES)?.toString('utf8');
  },
  isFile(file) {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  },
};
