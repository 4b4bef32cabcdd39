// `compose-guard doctor`: is every route to docker covered by the shims, which real programs do
// they reach, which policy applies to the daemon addressed now, and what to fix.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CliIo } from '../cli/io.js';
import { environmentTags, strictestOutcome } from '../policy/tags.js';
import { EXIT_GO } from '../cli/exit-codes.js';
import { loadPolicy, realPolicyFs } from '../policy/policy.js';
import { realFs } from '../host.js';
import { findRealBinary, firstOnPath, isExecutableFile, isShim, SHIM_FOLDER_MARKER } from '../cli/real-binary.js';
import { configDir, resolveTarget } from '../daemon/target.js';

const TOOLS = ['docker', 'docker-compose'] as const;
const ROOT_DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface Route {
  name: string;
  /** The PATH this route sees; undefined when it cannot be known. */
  path?: string;
  unknown?: string;
}

/** sudo's secure_path, from /etc/sudoers and /etc/sudoers.d (root can read them). */
export function sudoSecurePath(read: (file: string) => string | undefined = realFs.read): Route {
  const main = read('/etc/sudoers');
  if (main === undefined) return { name: 'sudo', unknown: 'cannot read /etc/sudoers (run doctor as root to check sudo)' };
  let extra: string[] = [];
  try {
    extra = readdirSync('/etc/sudoers.d').map((f) => read(path.join('/etc/sudoers.d', f)) ?? '');
  } catch {
    extra = [];
  }
  let securePath: string | undefined;
  for (const text of [main, ...extra]) {
    for (const m of text.matchAll(/^\s*Defaults\s+secure_path\s*=\s*"?([^"\n]+)"?/gm)) securePath = m[1]?.trim();
  }
  return securePath ? { name: 'sudo (secure_path)', path: securePath } : { name: 'sudo (keeps the caller PATH)', unknown: 'no secure_path set' };
}

function rootPath(io: CliIo): Route {
  if (io.user.uid === 0) return { name: 'root', path: io.env.PATH ?? '' };
  const supath = realFs.read('/etc/login.defs')?.match(/^\s*ENV_SUPATH\s+PATH=(\S+)/m)?.[1];
  return { name: 'root (login)', path: supath ?? ROOT_DEFAULT_PATH };
}

async function shPath(io: CliIo): Promise<Route> {
  const { execa } = await import('execa');
  const result = await execa('sh', ['-c', 'printf %s "$PATH"'], { env: io.env as NodeJS.ProcessEnv, extendEnv: false, reject: false, timeout: 5000 });
  return result.exitCode === 0 ? { name: 'sh -c (non-interactive)', path: String(result.stdout) } : { name: 'sh -c', unknown: 'sh did not run' };
}

export async function doctorCommand(io: CliIo, _args: string[]): Promise<number> {
  const out: string[] = [];
  const problems: string[] = [];
  const userPath = io.env.PATH ?? '';
  const shimDir = userPath.split(':').find((d) => {
    try {
      return statSync(path.join(d, SHIM_FOLDER_MARKER)).isFile();
    } catch {
      return false;
    }
  });
  out.push(`shims: ${shimDir ?? 'no folder of compose-guard shims on this PATH'}`);
  if (!shimDir) problems.push('no compose-guard shims on your PATH: run ./install.sh and put its bin folder first on PATH');

  const routes: Route[] = [{ name: 'this user', path: userPath }, rootPath(io), sudoSecurePath(), await shPath(io)];
  for (const route of routes) {
    if (route.path === undefined) {
      out.push(`${route.name}: unknown (${route.unknown})`);
      continue;
    }
    for (const tool of TOOLS) {
      const first = firstOnPath(tool, route.path);
      const guarded = first !== undefined && isShim(first);
      const real = guarded ? findRealBinary(tool, { ...io.env, PATH: route.path }) : first;
      out.push(`${route.name}: ${tool} -> ${first ?? 'not found'}${guarded ? ` (shim) -> ${real ?? 'no real program: 127'}` : first ? ' (NOT guarded)' : ''}`);
      if (first && !guarded) {
        const fix = route.name.startsWith('sudo') ? `add ${shimDir ?? 'the shim folder'} before ${path.dirname(first)} in secure_path (visudo)`
          : route.name.startsWith('root') ? `put ${shimDir ?? 'the shim folder'} first on root's PATH, or install with --prefix /usr/local`
            : `put ${shimDir ?? 'the shim folder'} first on PATH (export PATH="${shimDir ?? 'DIR'}:$PATH")`;
        problems.push(`${route.name}: ${tool} reaches ${first} unguarded: ${fix}`);
      }
      if (guarded && !real) problems.push(`${route.name}: no real ${tool} after the shims: install it (Debian: docker.io, docker-compose)`);
    }
  }

  const dockerFirst = firstOnPath('docker', userPath);
  const plugins = [path.join(configDir({}, io.env), 'cli-plugins'), '/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins']
    .map((d) => path.join(d, 'docker-compose')).filter(isExecutableFile);
  out.push(`docker compose (plugin route): ${plugins[0] ?? 'no Compose plugin found'}; ${dockerFirst && isShim(dockerFirst) ? 'covered, because docker itself is the shim' : 'NOT covered: docker is not the shim'}`);

  const policy = loadPolicy(io.env, realPolicyFs);
  for (const file of policy.files) out.push(`policy: ${file.path} (${file.source})${file.environment ? ` environment ${file.environment}` : ''}`);
  for (const error of policy.errors) {
    out.push(`policy: ERROR ${error}`);
    problems.push(`${error}: fix it (compose-guard policy validate); until then every volume-destroying command stops`);
  }
  if (policy.files.length === 0 && policy.errors.length === 0) problems.push('no policy file: this host is untagged; write /etc/compose-guard/policy.yaml (environment: production, ci, ...)');
  const target = resolveTarget({}, io.env, realPolicyFs);
  const tags = environmentTags(policy, io.hostname, target);
  const outcome = strictestOutcome(policy, tags);
  out.push(`daemon now: ${target.context}${target.endpoint ? ` (${target.endpoint})` : ''} from ${target.source}`);
  out.push(`environment: ${tags.length ? tags.map((t) => `${t.tag} [${t.from}]`).join(', ') : 'untagged'} -> down -v would ${policy.errors.length ? 'stop (broken policy)' : outcome === 'soft' ? 'ask at a terminal, else go ahead with a note' : outcome}`);

  io.stdout(`${out.join('\n')}\n`);
  io.stdout(problems.length === 0 ? 'no problems found\n' : `problems:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  return problems.length === 0 ? EXIT_GO : 1;
}
