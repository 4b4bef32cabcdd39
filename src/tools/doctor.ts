// `compose-guard doctor [--json]`: for every route a command reaches docker by on this host,
// which docker and docker-compose it really runs (asked in that route's own environment), whether
// the daemon-side backstop guards the engine, which policy files apply and what `down -v` gets
// here now. Every problem comes with a fix for this host; any problem makes the exit status 1.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CliIo } from '../cli/io.js';
import { EXIT_GO, EXIT_PROBLEM } from '../cli/exit-codes.js';
import { realFs } from '../host.js';
import { backstopStatus, type Backstop } from './doctor/backstop.js';
import { dpkgOwner, fixUnguarded, reach, type Fixer, type Reach } from './doctor/reach.js';
import { hostFacts, routePlans, type RoutePlan } from './doctor/routes.js';
import { probe, TOOLS } from './doctor/probe.js';
import { policyReport, type PolicyReport } from './doctor/policy-report.js';
import { renderDoctor } from './doctor/render.js';

export interface RouteReport {
  route: string;
  how: string;
  status: 'covered' | 'uncovered' | 'unchecked' | 'no docker';
  path?: string;
  note?: string;
  tools: Reach[];
}

export interface DoctorReport extends PolicyReport {
  routes: RouteReport[];
  backstop: Backstop;
  /** The node install.sh --system recorded, with its version. */
  node?: string;
  problems: Problem[];
}

export interface Problem {
  route?: string;
  problem: string;
  /** Commands that mend it on this host. */
  fix: string;
  why?: string;
}

/** Where this installation's install.sh is (a source tree, an npm package, the .deb, an install tree). */
export function installRoot(installDir: string | undefined): string | undefined {
  if (!installDir) return undefined;
  return [installDir, path.dirname(installDir)].find((d) => existsSync(path.join(d, 'install.sh')));
}

/** The compose-guard command of this installation, for the fixes to name. */
function commandPath(installDir: string | undefined): string {
  const candidates = installDir ? [path.join(installDir, '../../bin/compose-guard')] : [];
  candidates.push('/usr/local/bin/compose-guard', '/usr/bin/compose-guard');
  return candidates.map((c) => path.resolve(c)).find((c) => existsSync(c)) ?? 'compose-guard';
}

async function checkRoute(plan: RoutePlan, fixer: Fixer, homes: string[], problems: Problem[]): Promise<RouteReport> {
  if (!plan.argv) return { route: plan.route, how: plan.how, status: 'unchecked', note: plan.unchecked, tools: [] };
  const result = await probe(plan.argv, plan.env);
  if ('error' in result) return { route: plan.route, how: plan.how, status: 'unchecked', note: result.error, tools: [] };
  const tools = TOOLS.map((t) => reach(t, result.reached[t], result.path));
  for (const r of tools) await judgeReach(plan.route, r, fixer, homes, problems);
  return { route: plan.route, how: plan.how, path: result.path, status: routeStatus(tools), tools };
}

function routeStatus(tools: Reach[]): RouteReport['status'] {
  if (tools.some((t) => t.first && !t.shim)) return 'uncovered';
  return tools.some((t) => t.first) ? 'covered' : 'no docker';
}

async function judgeReach(route: string, r: Reach, fixer: Fixer, homes: string[], problems: Problem[]): Promise<void> {
  if (r.first && !r.shim) {
    problems.push({ route, problem: `${route}: ${r.tool} is ${r.first}, not guarded`, ...(await fixUnguarded(route, r.tool, r.first, fixer, homes)) });
  } else if (r.first && !r.real) {
    problems.push({ route, problem: `${route}: the ${r.tool} shim ${r.first} finds no real ${r.tool} (it answers 127)`, fix: fixer.asRoot(`apt-get install ${r.tool === 'docker' ? 'docker.io' : 'docker-compose'}`), why: 'the shim is in place; the program it guards is missing' });
  }
}

/** Callers that run /usr/bin/docker by its absolute path. */
async function absoluteRoute(fixer: Fixer, homes: string[], problems: Problem[]): Promise<RouteReport> {
  const tools = TOOLS.map((t) => reach(t, existsSync(`/usr/bin/${t}`) ? `/usr/bin/${t}` : null, ''));
  for (const r of tools) await judgeReach(`/usr/bin/${r.tool} by path`, r, fixer, homes, problems);
  return { route: '/usr/bin/docker, /usr/bin/docker-compose by path', how: 'scripts that call the program by its absolute path', status: routeStatus(tools), tools };
}

export async function doctorCommand(io: CliIo, args: string[]): Promise<number> {
  const json = args.includes('--json');
  const read = (f: string) => realFs.read(f);
  const command = commandPath(io.installDir);
  const root = installRoot(io.installDir);
  const facts = await hostFacts(io.user.uid, io.user.name, io.env.SUDO_USER, `sudo ${command} doctor`, read);
  const fixer: Fixer = {
    asRoot: (c) => (io.user.uid === 0 ? c : facts.sudo ? `sudo ${c}` : `su root -c '${c}'`),
    installSystem: root ? `sh ${path.join(root, 'install.sh')} --system` : `${command} install --system`,
    owner: dpkgOwner,
  };
  const homes = [facts.root.home, facts.user?.home ?? '', io.env.HOME ?? ''].filter(Boolean);
  const problems: Problem[] = [];
  const routes: RouteReport[] = [];
  // The routes are asked at once; their problems are listed in route order.
  const checked = await Promise.all(routePlans(facts).map(async (plan) => {
    const found: Problem[] = [];
    return { report: await checkRoute(plan, fixer, homes, found), found };
  }));
  for (const { report, found } of checked) {
    routes.push(report);
    problems.push(...found);
  }
  routes.push(await absoluteRoute(fixer, homes, problems));
  const policy = policyReport(io, command, fixer, problems);
  const backstop = backstopStatus(read, policy.daemon.endpoint);
  if (backstop.state === 'broken') {
    problems.push({ problem: `daemon backstop: ${backstop.detail}`, fix: fixer.asRoot(`${command} daemon`), why: `starts the plugin; or remove ${backstop.configuredBy} and restart dockerd` });
  }
  const node = nodeRecord(root);
  const report: DoctorReport = { routes, backstop, ...policy, node, problems };
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : renderDoctor(report));
  return problems.length === 0 ? EXIT_GO : EXIT_PROBLEM;
}


/** The node recorded by install.sh --system, if this is a system install. */
function nodeRecord(root: string | undefined): string | undefined {
  for (const file of [root && path.join(root, 'install.env'), '/usr/local/lib/compose-guard/install.env']) {
    if (!file) continue;
    try {
      const text = readFileSync(file, 'utf8');
      const node = text.match(/^node=(.*)$/m)?.[1];
      if (node) return `${node} ${text.match(/^node_version=(.*)$/m)?.[1] ?? ''}`.trim();
    } catch {
      // not a system install
    }
  }
  return undefined;
}
