// Whether a policy file deserves trust, on the real file system. A file that exists but cannot
// be looked at, followed or read is broken (a protected host must not turn into an unprotected
// one because /etc/compose-guard is mode 0700 or policy.yaml dangles), never absent. The host
// file must be root's, and so must every folder and link on the way to it, none writable by
// group or others: otherwise someone else could make their rules the host's.
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** Policies are small; a larger file is refused rather than parsed. */
export const MAX_POLICY_BYTES = 2 * 1024 * 1024;

export type PolicyRead = { state: 'absent' } | { state: 'broken'; reason: string } | { state: 'read'; text: string; mode: number };

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** Reads a policy file without blocking on a FIFO or reading past the size bound. */
export function readPolicyText(file: string): PolicyRead {
  let link: Stats;
  try {
    link = lstatSync(file);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'absent' };
    return { state: 'broken', reason: `${file}: cannot be looked at (${code}), so it cannot be checked` };
  }
  // Look before opening: a FIFO is not opened at all (that would release a writer).
  try {
    if (!statSync(file).isFile()) return { state: 'broken', reason: `${file}: not a regular file` };
  } catch {
    // reported by the open below, with its reason
  }
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = codeOf(error);
    const what = link.isSymbolicLink() && code === 'ENOENT' ? 'is a symbolic link to nothing' : `cannot be read (${code})`;
    return { state: 'broken', reason: `${file}: ${what}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { state: 'broken', reason: `${file}: not a regular file` };
    if (st.size > MAX_POLICY_BYTES) return { state: 'broken', reason: `${file}: larger than ${MAX_POLICY_BYTES} bytes` };
    const buffer = Buffer.alloc(st.size + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > st.size) return { state: 'broken', reason: `${file}: changed while it was read` };
    return { state: 'read', text: buffer.subarray(0, length).toString('utf8'), mode: st.mode };
  } catch (error) {
    return { state: 'broken', reason: `${file}: cannot be read (${codeOf(error)})` };
  } finally {
    closeSync(fd);
  }
}

function untrusted(what: string, st: Stats): string | undefined {
  if (st.uid !== 0) return `${what} is owned by uid ${st.uid}, not root`;
  // A sticky folder (/tmp) lets others add entries but not replace root's.
  const sticky = st.isDirectory() && (st.mode & 0o1000) !== 0;
  if ((st.mode & 0o022) !== 0 && !sticky) return `${what} is writable by group or others (mode ${(st.mode & 0o7777).toString(8)})`;
  return undefined;
}

/**
 * Why the host file cannot be trusted, or undefined when it can: every folder from `/` and
 * every symbolic link followed on the way, and the file itself, owned by root and not
 * writable by group or others.
 */
export function untrustedHostPath(file: string): string | undefined {
  let pending = path.resolve(file).split('/').filter(Boolean);
  let current = '/';
  let links = 0;
  try {
    const problem = untrusted('/', lstatSync('/'));
    if (problem) return problem;
    while (pending.length > 0) {
      const name = pending.shift() as string;
      const next = path.join(current, name);
      const st = lstatSync(next);
      if (st.isSymbolicLink()) {
        if (++links > 40) return `${file}: too many symbolic links`;
        const target = readlinkSync(next);
        pending = [...target.split('/').filter(Boolean), ...pending];
        if (target.startsWith('/')) current = '/';
        continue;
      }
      const problem = untrusted(next, st);
      if (problem) return problem;
      if (pending.length > 0 && !st.isDirectory()) return `${next} is not a folder`;
      current = next;
    }
    return undefined;
  } catch (error) {
    return `${file}: its path cannot be checked (${codeOf(error)})`;
  }
}
