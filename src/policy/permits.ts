// Allow-once permissions: issued by `compose-guard allow-once --reason … -- CMD`, bound to this
// host, the exact command line and the project, short-lived, consumed by the next matching
// command. Consuming is a rename, so two commands racing for one permission cannot both win.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../host.js';

export interface Permit {
  id: string;
  host: string;
  tool: string;
  argv: string[];
  project: string | null;
  cwd: string;
  reason: string;
  issuedBy: string;
  issuedAt: string;
  expiresAt: string;
}

export type PermitRequest = Pick<Permit, 'host' | 'tool' | 'argv' | 'project'>;

export const DEFAULT_MINUTES = 10;
export const MAX_MINUTES = 60;

export function stateDir(env: Env): string {
  return path.join(env.XDG_STATE_HOME || path.join(env.HOME ?? '/', '.local', 'state'), 'compose-guard');
}

export function permitDir(env: Env): string {
  return path.join(stateDir(env), 'permits');
}

export function matches(permit: Permit, request: PermitRequest, now: Date): boolean {
  return permit.host === request.host && permit.tool === request.tool && permit.project === request.project
    && permit.argv.length === request.argv.length && permit.argv.every((a, i) => a === request.argv[i])
    && new Date(permit.expiresAt).getTime() > now.getTime();
}

export function issuePermit(dir: string, fields: Omit<Permit, 'id' | 'issuedAt' | 'expiresAt'>, minutes: number, now: Date): Permit {
  const permit: Permit = {
    ...fields,
    // crypto is loaded here, not at start-up: it costs every judged command several ms to load.
    id: process.getBuiltinModule('node:crypto').randomBytes(6).toString('hex'),
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
  };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${permit.id}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(permit)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return permit;
}

/** The matching permission, if any; expired ones are removed on the way. */
export function findPermit(dir: string, request: PermitRequest, now: Date): Permit | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return undefined;
  }
  for (const name of names) {
    let permit: Permit;
    try {
      permit = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Permit;
    } catch {
      continue;
    }
    if (new Date(permit.expiresAt).getTime() <= now.getTime()) rmSync(path.join(dir, name), { force: true });
    else if (matches(permit, request, now)) return permit;
  }
  return undefined;
}

/** Takes the permission for this command; false when another command took it first. */
export function consumePermit(dir: string, permit: Permit): boolean {
  const file = path.join(dir, `${permit.id}.json`);
  const taken = `${file}.used-${process.pid}`;
  try {
    renameSync(file, taken);
  } catch {
    return false;
  }
  rmSync(taken, { force: true });
  return true;
}
