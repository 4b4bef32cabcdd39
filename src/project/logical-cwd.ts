// Compose v2 (Go's os.Getwd) takes the working directory from $PWD when $PWD names the same
// directory as ".", so `cd current && docker compose down` (current -> releases/r1) is project
// `current`, not `r1`. Compose v1 (Python's os.getcwd) uses the resolved path.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../host.js';

export function logicalCwd(cwd: string, env: Env, stat: (p: string) => { dev: number; ino: number } | undefined = statOf): string {
  const pwd = env.PWD;
  if (!pwd || !path.isAbsolute(pwd) || pwd === cwd) return cwd;
  const a = stat(pwd);
  const b = stat(cwd);
  return a && b && a.dev === b.dev && a.ino === b.ino ? pwd : cwd;
}

function statOf(p: string): { dev: number; ino: number } | undefined {
  try {
    const s = statSync(p);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return undefined;
  }
}
