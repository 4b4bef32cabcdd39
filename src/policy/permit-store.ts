// Allow-once permits on disk. A permit is honoured only from a folder the caller owns (neither
// it nor its parent a symlink, neither writable by others), only if its file is the caller's,
// mode 0600, not a symlink (opened O_NOFOLLOW) and its lifetime is within the maximum. Issued
// with O_EXCL; consumed by a rename, so two commands racing for one permit cannot both win.
// Finding never changes anything on disk: `check` is read-only.
import { closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { asPermit, lifetimeProblem, sameRequest, type Permit, type PermitRequest } from './permits.js';

const MAX_PERMIT_BYTES = 64 * 1024;
const ID = /^[0-9a-f]{12}$/;

export interface PermitListing {
  id: string;
  permit?: Permit;
  /** Why it would not be honoured. */
  problem?: string;
}

export interface PermitStore {
  readonly dir: string;
  find(request: PermitRequest, now: Date): Permit | undefined;
  issue(fields: Omit<Permit, 'version' | 'id' | 'uid' | 'issuedAt' | 'expiresAt'>, minutes: number, now: Date): Permit;
  consume(permit: Permit): boolean;
  list(now: Date): PermitListing[];
  revoke(id: string): boolean;
}

/** Why `dir` is not a folder only `uid` controls, or undefined. */
export function folderProblem(dir: string, uid: number): string | undefined {
  for (const d of [path.dirname(dir), dir]) {
    let st;
    try {
      st = lstatSync(d);
    } catch {
      return `${d} does not exist`;
    }
    if (st.isSymbolicLink()) return `${d} is a symlink`;
    if (!st.isDirectory()) return `${d} is not a folder`;
    if (st.uid !== uid) return `${d} belongs to uid ${st.uid}, not ${uid}`;
    if ((st.mode & 0o022) !== 0) return `${d} is writable by group or others`;
  }
  return undefined;
}

/** Reads one permit file without following a symlink; a problem when it may not be honoured. */
export function readPermitFile(file: string, uid: number, now: Date): PermitListing {
  const id = path.basename(file, '.json');
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return { id, problem: (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'a symlink' : 'cannot be read' };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { id, problem: 'not a regular file' };
    if (st.uid !== uid) return { id, problem: `owned by uid ${st.uid}, not ${uid}` };
    if ((st.mode & 0o777) !== 0o600) return { id, problem: `mode ${(st.mode & 0o777).toString(8)}, not 600` };
    if (st.size > MAX_PERMIT_BYTES) return { id, problem: 'too large' };
    const buffer = Buffer.alloc(st.size);
    const text = buffer.subarray(0, readSync(fd, buffer, 0, st.size, 0)).toString('utf8');
    let permit: Permit | undefined;
    try {
      permit = asPermit(JSON.parse(text));
    } catch {
      permit = undefined;
    }
    if (!permit || permit.id !== id) return { id, problem: 'not a permit' };
    if (permit.uid !== uid) return { id, permit, problem: `issued by uid ${permit.uid}, not ${uid}` };
    const lifetime = lifetimeProblem(permit, now);
    return lifetime ? { id, permit, problem: lifetime } : { id, permit };
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
}

export function fileStore(dir: string, uid: number): PermitStore {
  const listing = (now: Date): PermitListing[] => {
    if (folderProblem(dir, uid)) return [];
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => ID.test(n.replace(/\.json$/, '')) && n.endsWith('.json'));
    } catch {
      return [];
    }
    return names.sort().map((n) => readPermitFile(path.join(dir, n), uid, now));
  };
  return {
    dir,
    find(request, now) {
      return listing(now).find((l) => !l.problem && l.permit && sameRequest(l.permit, request))?.permit;
    },
    issue(fields, minutes, now) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const problem = folderProblem(dir, uid);
      if (problem) throw new Error(`the permit folder cannot be used: ${problem}`);
      for (const l of listing(now)) if (l.problem === 'expired') rmSync(path.join(dir, `${l.id}.json`), { force: true });
      // crypto is loaded here, not at start-up: loading it costs every judged command several ms.
      const id = process.getBuiltinModule('node:crypto').randomBytes(6).toString('hex');
      const permit: Permit = { version: 1, ...fields, id, uid, issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + minutes * 60_000).toISOString() };
      const fd = openSync(path.join(dir, `${permit.id}.json`), constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
      try {
        writeAll(fd, Buffer.from(`${JSON.stringify(permit)}\n`));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return permit;
    },
    consume(permit) {
      if (folderProblem(dir, uid)) return false;
      const file = path.join(dir, `${permit.id}.json`);
      const taken = `${file}.used-${process.pid}`;
      try {
        renameSync(file, taken);
      } catch {
        return false;
      }
      rmSync(taken, { force: true });
      return true;
    },
    list: listing,
    revoke(id) {
      if (!ID.test(id) || folderProblem(dir, uid)) return false;
      try {
        unlinkSync(path.join(dir, `${id}.json`));
        return true;
      } catch {
        return false;
      }
    },
  };
}
