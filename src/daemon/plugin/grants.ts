// Grants: when the judge lets a volume-destroying command go ahead (ci, a confirmation, an
// allow-once), it tells the plugin which volumes that command will delete. The plugin then lets
// exactly those deletions through, each once, for a few seconds. Held in memory and bounded.

export interface GrantRequest {
  /** Volumes the command will delete (named and anonymous), by the engine's names. */
  volumes: string[];
  /** Container references the command removes with their anonymous volumes (`docker rm -v REF`). */
  containers: string[];
  /** The command prunes volumes (`docker volume prune`, `system prune --volumes`). */
  prune: boolean;
  /** How long the grant lives; capped by the plugin. */
  seconds: number;
  /** What the judge let through, for the audit. */
  argv: string[];
  user: string;
}

export interface Grant extends GrantRequest {
  id: number;
  expiresAt: number;
}

export const MAX_GRANTS = 256;
export const MAX_NAMES = 1000;
export const MAX_NAME_LENGTH = 512;
export const DEFAULT_GRANT_SECONDS = 30;
export const MAX_GRANT_SECONDS = 120;

/** What one API request would destroy, as the plugin sees it. */
export interface Destruction {
  volumes: string[];
  container?: string;
  prune?: boolean;
}

export class GrantStore {
  private grants: Grant[] = [];
  private next = 1;

  constructor(private readonly now: () => number, private readonly maxSeconds = MAX_GRANT_SECONDS) {}

  /** Adds a grant; undefined when the store is full of live grants. */
  add(request: GrantRequest): Grant | undefined {
    this.expire();
    if (this.grants.length >= MAX_GRANTS) return undefined;
    const seconds = Math.min(Math.max(request.seconds, 1), this.maxSeconds);
    const grant: Grant = { ...request, volumes: [...request.volumes], containers: [...request.containers], id: this.next++, expiresAt: this.now() + seconds * 1000 };
    this.grants.push(grant);
    return grant;
  }

  /**
   * The grant that covers this destruction, which it then uses up: each volume, container and
   * prune goes through once. A destruction is covered only when one grant covers all of it.
   */
  take(d: Destruction): Grant | undefined {
    this.expire();
    const grant = this.grants.find((g) => covers(g, d));
    if (!grant) return undefined;
    grant.volumes = grant.volumes.filter((v) => !d.volumes.includes(v));
    if (d.container !== undefined) grant.containers = grant.containers.filter((c) => c !== d.container);
    if (d.prune) grant.prune = false;
    if (grant.volumes.length === 0 && grant.containers.length === 0 && !grant.prune) this.grants = this.grants.filter((g) => g !== grant);
    return grant;
  }

  get size(): number {
    this.expire();
    return this.grants.length;
  }

  private expire(): void {
    const now = this.now();
    this.grants = this.grants.filter((g) => g.expiresAt > now);
  }
}

function covers(g: Grant, d: Destruction): boolean {
  if (d.prune && !g.prune) return false;
  const byContainer = d.container !== undefined && g.containers.includes(d.container);
  return byContainer || (d.volumes.every((v) => g.volumes.includes(v)) && (d.volumes.length > 0 || d.prune === true));
}

/** A grant request read from untrusted JSON; throws with a one-line reason. */
export function parseGrantRequest(value: unknown): GrantRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('a grant is a JSON object');
  const o = value as Record<string, unknown>;
  const names = (key: string): string[] => {
    const list = o[key] ?? [];
    if (!Array.isArray(list) || list.length > MAX_NAMES || !list.every((n) => typeof n === 'string' && n.length <= MAX_NAME_LENGTH)) {
      throw new Error(`${key}: at most ${MAX_NAMES} names of at most ${MAX_NAME_LENGTH} characters`);
    }
    return list as string[];
  };
  const seconds = o.seconds ?? DEFAULT_GRANT_SECONDS;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw new Error('seconds: a number');
  return {
    volumes: names('volumes'),
    containers: names('containers'),
    prune: o.prune === true,
    seconds,
    argv: names('argv').slice(0, 64),
    user: typeof o.user === 'string' ? o.user.slice(0, 128) : 'unknown',
  };
}
