// Allow-once permits: what one is bound to and when it may be honoured. A permit names the
// host, the daemon addressed (context and endpoint), the project, the working directory and the
// exact command line, who issued it (uid) and for how long. Pure; the files are in permit-store.ts.
import path from 'node:path';
import type { Env } from '../host.js';

export interface PermitTarget {
  context: string;
  endpoint: string | null;
}

export interface PermitRequest {
  host: string;
  target: PermitTarget;
  tool: string;
  argv: string[];
  project: string | null;
  cwd: string;
}

export interface Permit extends PermitRequest {
  version: 1;
  id: string;
  reason: string;
  issuedBy: string;
  /** The uid that issued it; 0 can lift a block the host policy sets. */
  uid: number;
  issuedAt: string;
  expiresAt: string;
  /** Issued with --no-snapshot: the destroy goes ahead without the snapshot the policy asks for. */
  noSnapshot?: boolean;
}

export const DEFAULT_MINUTES = 10;
export const MAX_MINUTES = 60;
/** How far a permit's issue time may lie in the future (clock steps). */
const SKEW_MS = 60_000;

/** The state folder HOME and XDG_STATE_HOME name (a user's choice; see state-dir.ts for root). */
export function stateDir(env: Env): string {
  return path.join(env.XDG_STATE_HOME || path.join(env.HOME ?? '/', '.local', 'state'), 'compose-guard');
}

export function sameRequest(permit: PermitRequest, request: PermitRequest): boolean {
  return permit.host === request.host && permit.tool === request.tool && permit.project === request.project
    && permit.cwd === request.cwd && permit.target.context === request.target.context && permit.target.endpoint === request.target.endpoint
    && permit.argv.length === request.argv.length && permit.argv.every((a, i) => a === request.argv[i]);
}

/** Why a permit read from disk cannot be honoured now, or undefined when it can. */
export function lifetimeProblem(permit: Permit, now: Date): string | undefined {
  const issued = Date.parse(permit.issuedAt);
  const expires = Date.parse(permit.expiresAt);
  if (!Number.isFinite(issued) || !Number.isFinite(expires)) return 'no valid issue or expiry time';
  if (issued > now.getTime() + SKEW_MS) return 'issued in the future';
  if (expires - issued > MAX_MINUTES * 60_000) return `lasts longer than the maximum of ${MAX_MINUTES} minutes`;
  if (expires <= now.getTime()) return 'expired';
  return undefined;
}

/** The permit's fields, when `value` has the shape of one. */
export function asPermit(value: unknown): Permit | undefined {
  const p = value as Partial<Permit> | null;
  const strings = (xs: unknown): boolean => Array.isArray(xs) && xs.every((x) => typeof x === 'string');
  if (!p || p.version !== 1 || typeof p.id !== 'string' || typeof p.host !== 'string' || typeof p.tool !== 'string' || !strings(p.argv)
    || !(p.project === null || typeof p.project === 'string') || typeof p.cwd !== 'string' || typeof p.uid !== 'number'
    || typeof p.target?.context !== 'string' || !(p.target.endpoint === null || typeof p.target.endpoint === 'string')
    || typeof p.issuedAt !== 'string' || typeof p.expiresAt !== 'string' || typeof p.reason !== 'string' || typeof p.issuedBy !== 'string') return undefined;
  return p as Permit;
}
