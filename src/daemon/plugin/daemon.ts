// The long-running plugin: the AuthZ server, the grant socket and the glue between them,
// started by `compose-guard daemon` (or a test) and stopped by closing it.
import { existsSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:net';
import path from 'node:path';
import { recordAudit } from '../../cli/store.js';
import type { CliIo } from '../../cli/io.js';
import type { Env } from '../../host.js';
import { connectEngine } from '../engine.js';
import { DEFAULT_ENDPOINT, type DaemonTarget } from '../target.js';
import { pluginAuditEntry } from './audit-line.js';
import { authorize, type AuthzContext } from './authorize.js';
import { createGrantServer, restrictSocket } from './grant-server.js';
import { GrantStore } from './grants.js';
import { classifyRequest } from './routes.js';
import { createPluginServer } from './server.js';
import { daemonSettings, type DaemonSettings } from './settings.js';

export interface DaemonInputs {
  env: Env;
  hostname: string;
  now: () => Date;
  log: (line: string) => void;
  /** Who runs the plugin (root, as a service): where its own audit log falls back to. */
  user: CliIo['user'];
}

export interface RunningDaemon {
  settings: DaemonSettings;
  grants: GrantStore;
  close(): Promise<void>;
}

/** Removes a stale socket left by a previous run; never anything that is not a socket. */
function clearSocket(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  if (existsSync(file) && lstatSync(file).isSocket()) rmSync(file);
}

function listen(server: Server, file: string): Promise<void> {
  clearSocket(file);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startDaemon(inputs: DaemonInputs): Promise<RunningDaemon> {
  const settings = daemonSettings(inputs.env);
  const grants = new GrantStore(() => inputs.now().getTime(), settings.maxGrantSeconds);
  const target: DaemonTarget = { context: 'default', endpoint: settings.engine, source: settings.engine === DEFAULT_ENDPOINT ? 'default' : 'DOCKER_HOST' };
  const ctx: AuthzContext = { env: inputs.env, hostname: inputs.hostname, target, engine: connectEngine(settings.engine, {}), grants };
  const plugin = createPluginServer({
    log: inputs.log,
    async authorize(fields) {
      let answer;
      try {
        answer = await authorize(fields.method, fields.uri, ctx);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        inputs.log(`internal error on ${fields.method} ${fields.uri.slice(0, 200)}: ${message}`);
        const harmless = classifyRequest(fields.method, fields.uri).kind === 'harmless';
        return harmless ? { allow: true } : { allow: false, msg: `compose-guard refused ${fields.method} ${fields.uri.slice(0, 200)} after an internal error (${message}); it could destroy volume data` };
      }
      const entry = pluginAuditEntry(fields, answer, { time: inputs.now(), hostname: inputs.hostname, target });
      if (entry) {
        try {
          for (const note of recordAudit(inputs, entry, answer.judged!.policy)) inputs.log(`audit: ${note}`);
        } catch (error) {
          inputs.log(`the audit line could not be written: ${(error as Error).message}`);
        }
        inputs.log(`${answer.allow ? 'allowed' : 'refused'} ${fields.method} ${fields.uri.slice(0, 200)}${answer.judged?.grant ? ` (grant ${answer.judged.grant.id})` : ''}`);
      }
      return answer;
    },
  });
  const grantServer = createGrantServer(grants, inputs.log, (g) => inputs.log(`grant ${g.id} until ${new Date(g.expiresAt).toISOString()}: ${[...g.volumes, ...g.containers.map((c) => `container ${c}`), ...(g.prune ? ['prune'] : [])].join(', ')}`));
  await listen(plugin, settings.pluginSocket);
  await listen(grantServer, settings.grantSocket);
  const grantMode = restrictSocket(settings.grantSocket, settings.grantGroup);
  inputs.log(`plugin "${settings.pluginName}" on ${settings.pluginSocket}; grants on ${settings.grantSocket} (${grantMode}); guarding the engine at ${settings.engine}`);
  const close = async () => {
    await Promise.all([plugin, grantServer].map((s) => new Promise<void>((resolve) => {
      s.close(() => resolve());
      (s as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
    })));
    for (const file of [settings.pluginSocket, settings.grantSocket]) rmSync(file, { force: true });
  };
  return { settings, grants, close };
}
