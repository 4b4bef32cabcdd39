// The docker CLI's `aliases` in config.json (--config, DOCKER_CONFIG, ~/.docker): the key `builder`
// names the plugin that builds (`{"aliases":{"builder":"compose"}}`), and then `builder …`,
// `build …` and `image build …` at the command position become `<plugin> …`, `<plugin> build …`
// before the command runs (docker/cli cmd/docker/builder.go processBuilder; the value is one
// plugin name, and DOCKER_BUILDKIT=0 turns the rewriting off).
import path from 'node:path';
import type { Env, ProjectFs } from '../host.js';
import type { Rewritten } from './remap.js';
import { identity } from './remap.js';
import { parseGoBool } from './pflag.js';

export interface DockerAliases {
  builder?: string;
  /** config.json exists but cannot be read as JSON: aliases unknown. */
  unreadable?: boolean;
}

export function dockerConfigDir(configFlag: string | undefined, env: Env): string {
  return configFlag ?? (env.DOCKER_CONFIG || path.join(env.HOME ?? '/', '.docker'));
}

export function readDockerAliases(dir: string, fs: ProjectFs): DockerAliases | undefined {
  try {
    const text = fs.read(path.join(dir, 'config.json'));
    if (text === undefined) return undefined;
    const aliases = (JSON.parse(text) as { aliases?: Record<string, unknown> }).aliases;
    return typeof aliases?.builder === 'string' ? { builder: aliases.builder } : undefined;
  } catch {
    return { unreadable: true };
  }
}

/**
 * The command line as typed, then as the aliases rewrite it (docker refuses bad aliases; reading
 * both ways costs only a stop of a command docker would refuse). With unreadable aliases the
 * builder word is read as `compose` too, the only volume-destroying plugin.
 */
export function aliasReadings(argv: readonly string[], commandAt: number, aliases: DockerAliases | undefined, buildkit?: string): Rewritten[] {
  const plain = identity(argv);
  if (!aliases || (buildkit !== undefined && buildkit !== '' && parseGoBool(buildkit) === false)) return [plain];
  const plugin = aliases.builder ?? (aliases.unreadable ? 'compose' : undefined);
  if (plugin === undefined) return [plain];
  const rules: Array<[string[], string[]]> = [[['builder'], [plugin]], [['build'], [plugin, 'build']], [['image', 'build'], [plugin, 'build']]];
  for (const [old, replacement] of rules) {
    if (!old.every((w, k) => argv[commandAt + k] === w)) continue;
    const after = commandAt + old.length;
    return [plain, {
      argv: [...argv.slice(0, commandAt), ...replacement, ...argv.slice(after)],
      from: [...argv.slice(0, commandAt).map((_, i) => i), ...replacement.map(() => -1), ...argv.slice(after).map((_, i) => after + i)],
    }];
  }
  return [plain];
}
