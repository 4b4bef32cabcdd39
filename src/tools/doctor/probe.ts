// Asks a route's own environment which docker and docker-compose it reaches: the route's shell
// runs `command -v` itself (a login shell reads its profiles, sudo applies secure_path), so the
// answer is what that route really gets, never a guess from the caller's PATH.
import { execa } from 'execa';
import { firstOnPath } from '../../cli/real-binary.js';

export const TOOLS = ['docker', 'docker-compose'] as const;
export type DoctorTool = (typeof TOOLS)[number];

/** Printed after whatever a login shell's profile prints, so that noise cannot be misread. */
const MARK = '@compose-guard-doctor@';
export const PROBE_SCRIPT = `printf '\\n${MARK}PATH=%s\\n' "$PATH"; for t in ${TOOLS.join(' ')}; do printf '${MARK}%s=%s\\n' "$t" "$(command -v "$t")"; done`;

export interface Probe {
  /** The PATH the route's shell had. */
  path: string;
  /** What `command -v` found for each tool: an absolute path, or null. */
  reached: Record<DoctorTool, string | null>;
}

export type ProbeResult = Probe | { error: string };

/** Runs argv (which ends in a shell running PROBE_SCRIPT) and reads the markers it prints. */
export async function probe(argv: readonly string[], env: Record<string, string> = {}): Promise<ProbeResult> {
  const [name, ...args] = argv as [string, ...string[]];
  // The route's environment may have no PATH at all: the program that builds it is found here.
  const file = name.includes('/') ? name : (firstOnPath(name, '/usr/sbin:/usr/bin:/sbin:/bin') ?? name);
  let result;
  try {
    result = await execa(file, args, { env, extendEnv: false, reject: false, timeout: 15_000, stdin: 'ignore', stripFinalNewline: false });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const values = new Map<string, string>();
  for (const line of String(result.stdout).split('\n')) {
    if (!line.startsWith(MARK)) continue;
    const [key = '', ...value] = line.slice(MARK.length).split('=');
    values.set(key, value.join('='));
  }
  if (!values.has('PATH')) {
    const why = result.timedOut ? 'timed out' : String(result.stderr).trim().split('\n').at(-1) || `exit status ${result.exitCode}`;
    return { error: `${argv.slice(0, 3).join(' ')} … did not run (${why})` };
  }
  const reached = Object.fromEntries(TOOLS.map((t) => {
    const found = values.get(t) ?? '';
    return [t, found.startsWith('/') ? found : null];
  })) as Record<DoctorTool, string | null>;
  return { path: values.get('PATH') ?? '', reached };
}
