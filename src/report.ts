// Rendering a judgement for people (stderr) and machines (`check --json`). Returns strings only.
import pc from 'picocolors';
import { quote } from 'shell-quote';
import type { Judgement } from './judge.js';

type Colors = Pick<typeof pc, 'bold' | 'red' | 'yellow' | 'dim' | 'cyan'>;

export function colorsFor(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

export function commandLine(j: Judgement): string {
  return quote([j.analysis.tool, ...j.analysis.argv]);
}

function volumeLines(j: Judgement, c: Colors): string[] {
  const lines = j.resolution.volumes.map((v) => {
    const facts = [v.key && v.key !== v.name ? `key ${v.key}` : '', v.services.length ? `used by ${v.services.join(', ')}` : '',
      v.exists === true ? 'exists' : v.exists === false ? 'not on the engine now' : ''].filter(Boolean);
    return `    ${c.bold(v.name)}${facts.length ? c.dim(`  (${facts.join('; ')})`) : ''}`;
  });
  const anon = j.resolution.anonymousVolumes.length;
  if (anon > 0) lines.push(`    ${anon} anonymous volume${anon === 1 ? '' : 's'} of the removed containers`);
  return lines;
}

function safeAlternatives(j: Judgement): string[] {
  const { analysis } = j;
  if (!analysis.compose) return ['docker volume ls    lists the volumes, deletes nothing'];
  const argv = analysis.argv.filter((t) => !/^(-v|--volumes?)(=.*)?$/.test(t) && !/^(-V|--renew-anon-volumes|-y|--y|--yes)(=.*)?$/.test(t));
  const base = quote([analysis.tool, ...argv]);
  const prefix = quote([analysis.tool, ...(analysis.tool === 'docker' ? ['compose'] : [])]);
  return [`${base}    keeps the volumes`, `${prefix} restart    restarts the services, keeps everything`];
}

export function renderStop(j: Judgement, c: Colors): string {
  const lines = [`${c.red(c.bold('compose-guard: stopped'))} ${c.bold(commandLine(j))}`];
  const project = j.resolution.project;
  const volumes = volumeLines(j, c);
  if (volumes.length > 0) {
    lines.push(`  It would destroy${project ? ` in project ${c.bold(project.name)}` : ''}:`, ...volumes);
  } else if (j.decision.destructive) {
    const what = j.resolution.notes.find((n) => n.startsWith('every volume')) ?? 'volume data';
    lines.push(`  It would destroy ${what}: ${j.analysis.operations.map((o) => o.summary).join(', ')}.`);
  }
  lines.push(`  Why: ${j.decision.reasons.join('; ')}.`);
  lines.push(`  Daemon: ${j.target.context}${j.target.endpoint ? ` (${j.target.endpoint})` : ''}, from ${j.target.source}.`);
  lines.push('  Safe alternatives:', ...safeAlternatives(j).map((s) => `    ${c.cyan(s)}`));
  lines.push(`  To proceed deliberately, run the real program by its path${j.realBinary ? `: ${c.cyan(quote([j.realBinary, ...j.analysis.argv]))}` : '.'}`);
  return `${lines.join('\n')}\n`;
}

/** The one line printed when a destructive command goes ahead on an unprotected host. */
export function renderNote(j: Judgement, c: Colors): string {
  const names = j.resolution.volumes.map((v) => v.name);
  const anon = j.resolution.anonymousVolumes.length;
  const what = [names.length ? names.join(', ') : '', anon ? `${anon} anonymous volume${anon === 1 ? '' : 's'}` : '']
    .filter(Boolean).join(' and ') || j.analysis.operations.map((o) => o.summary).join(', ') || 'volume data it cannot name';
  return `${c.yellow('compose-guard:')} this command destroys ${what} (${j.decision.reasons[0] ?? 'allowed'})\n`;
}

export function toJson(j: Judgement): Record<string, unknown> {
  return {
    tool: j.analysis.tool,
    argv: j.analysis.argv,
    destructive: j.decision.destructive,
    operations: j.analysis.operations.map((o) => ({ kind: o.kind, summary: o.summary, reaches: o.reaches })),
    decision: j.decision.verdict,
    environment: j.policy.environment ?? null,
    policy: j.policy.source ?? null,
    target: j.target,
    project: j.resolution.project ? { name: j.resolution.project.name, workingDir: j.resolution.project.workingDir, mode: j.resolution.project.mode } : null,
    volumes: j.resolution.volumes,
    anonymousVolumes: j.resolution.anonymousVolumes,
    uncertainties: [...j.analysis.uncertainties, ...j.resolution.uncertainties],
    notes: [...j.analysis.notes, ...j.resolution.notes],
    reasons: j.decision.reasons,
  };
}
