// The CLI's side of knowing which Compose runs a command: where the binary is (the plugin the
// docker CLI would pick, or the real `docker-compose`), and asking it its version once, bounded
// in time and output, in a clean environment.
import { spawnSync } from 'node:child_process';
import type { CommandAnalysis, Tool } from '../grammar/command.js';
import type { Env } from '../host.js';
import { findComposePlugin } from '../project/compose-plugin.js';
import { detectCompose, type ComposeRelease } from '../project/compose-version.js';

export const ASK_TIMEOUT_MS = 1000;
export const ASK_MAX_BYTES = 4096;

export function askVersion(binary: string): string | undefined {
  const result = spawnSync(binary, ['version', '--short'], {
    // No DOCKER_CLI_PLUGIN_* variables: a plugin run directly answers as a standalone program.
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C' },
    encoding: 'utf8',
    timeout: ASK_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: ASK_MAX_BYTES,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return result.status === 0 && !result.error ? result.stdout : undefined;
}

/** The detector the judge calls for a compose command it must judge. */
export function composeDetector(tool: Tool, realBinary: string | undefined, env: Env, remember: boolean) {
  return (analysis: CommandAnalysis): ComposeRelease => tool === 'docker'
    ? detectCompose({ binary: findComposePlugin(env, analysis.target.configDir), plugin: true, env, ask: askVersion, remember })
    : detectCompose({ binary: realBinary, plugin: false, env, ask: askVersion, remember });
}
