// A private restic REST server for the rest: suite: Debian's restic-rest-server (installed by
// provision.sh) on 127.0.0.1 with a data folder of its own; stopped afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, listening } from './ports.js';

export const REST_SERVER = '/usr/local/bin/restic-rest-server';

export interface RestServer {
  /** restic's repository URL for a repository named `name`. */
  url(name: string): string;
  /** Where the repositories' files are. */
  dir: string;
  stop(): void;
}

export async function startRestServer(): Promise<RestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-rest-'));
  const port = await freePort();
  const server: ChildProcess = spawn(REST_SERVER, ['--path', dir, '--listen', `127.0.0.1:${port}`, '--no-auth'], { stdio: 'ignore' });
  for (let i = 0; !(await listening(port)); i++) {
    if (i > 100 || server.exitCode !== null) {
      server.kill();
      throw new Error(`${REST_SERVER} did not listen on 127.0.0.1:${port}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { dir, url: (name) => `rest:http://127.0.0.1:${port}/${name}`, stop: () => server.kill() };
}
