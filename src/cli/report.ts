// Rendering a judgement for people (stderr, /dev/tty) and machines (`check --json`).
// Returns strings only.
import pc from 'picocolors';
import { quote } from 'shell-quote';
import type { Judgement } from '../judge.js';
import { humanAge, humanBytes } from './human.js';
import type { VolumeFacts } from './stop-facts.js';

type Colors = Pick<typeof pc, 'bold' | 'red' | 'yellow' | 'dim' | 'cyan'>;

export function colorsFor(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

export function commandLine(j: Judgement): string {
  return quote([j.analysis.tool, ...j.analysis.argv]);
}

function volumeLines(j: Judgement, c: Colors, known?: Map<string, VolumeFacts>): string[] {
  const lines = j.resolution.volumes.map((v) => {
    const more = known?.get(v.name);
    const snapshot = !known || v.exists === false ? '' : more?.snapshot ? `newest snapshot ${humanAge(more.snapshot.ageMs)} old` : 'no snapshot';
    const facts = [v.key && v.key !== v.name ? `key ${v.key}` : '', v.services.length ? `used by ${v.services.join(', ')}` : '',
      v.exists === true ? 'exists' : v.exists === false ? 'not on the engine now' : '',
      more?.size !== undefined && v.exists !== false ? humanBytes(more.size) : '', snapshot,
      j.decision.protectedVolumes.includes(v.name) ? 'PROTECTED' : ''].filter(Boolean);
    return `    ${c.bold(v.name)}${facts.length ? c.dim(`  (${facts.join('; ')})`) : ''}`;
  });
  const anon = j.resolution.anonymousVolumes.length;
  if (anon > 0) lines.push(`    ${anon} anonymous volume${anon === 1 ? '' : 's'} of the removed containers`);
  return lines;
}

function whatIsDestroyed(j: Judgement, c: Colors, known?: Map<string, VolumeFacts>): string[] {
  const project = j.resolution.project;
  const volumes = volumeLines(j, c, known);
  if (volumes.length > 0) return [`  It would destroy${project ? ` in project ${c.bold(project.name)}` : ''}:`, ...volumes];
  if (!j.decision.destructive) return [];
  const what = j.resolution.notes.find((n) => n.startsWith('every volume')) ?? 'volume data';
  return [`  It would destroy ${what}: ${j.analysis.operations.map((o) => o.summary).join(', ')}.`];
}

/** The stop message; `known` adds each volume's size and newest snapshot's age when learnt. */
export function renderStop(j: Judgement, c: Colors, known?: Map<string, VolumeFacts>): string {
  const lines = [`${c.red(c.bold('compose-guard: stopped'))} ${c.bold(commandLine(j))}`, ...whatIsDestroyed(j, c, known)];
  lines.push('  Why:', ...j.decision.reasons.map((r) => `    ${r}`));
  lines.push(`  Daemon: ${j.target.context}${j.target.endpoint ? ` (${j.target.endpoint})` : ''}, from ${j.target.source}.`);
  lines.push('  Safe alternatives:', ...j.decision.alternatives.map((a) => `    ${c.cyan(`${a.command}    ${a.note}`)}`));
  if (j.policy.errors.length > 0) {
    lines.push('  To proceed, fix the policy (compose-guard policy validate), or run the real program by its path.');
  } else if (j.decision.hostHold) {
    // What the host file holds back only root lifts, for a command root runs.
    lines.push('  To proceed deliberately (once, recorded; the host policy holds this, so root grants it at a terminal):',
      `    ${c.cyan(`sudo compose-guard allow-once --reason "why" -- ${commandLine(j)}`)}`,
      `    ${c.cyan(`sudo ${commandLine(j)}`)}`);
  } else {
    lines.push('  To proceed deliberately (once, recorded; you type the project name at a terminal):',
      `    ${c.cyan(`compose-guard allow-once --reason "why" -- ${commandLine(j)}`)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderConfirm(j: Judgement, c: Colors): string {
  const lines = [`${c.yellow(c.bold('compose-guard: confirm'))} ${c.bold(commandLine(j))}`, ...whatIsDestroyed(j, c)];
  lines.push(`  ${j.decision.reasons[0] ?? ''}`);
  lines.push(`Type ${c.bold(j.decision.confirmText ?? '')} to destroy this data; anything else stops: `);
  return lines.join('\n');
}

/** The one line printed when a destructive command goes ahead. */
export function renderNote(j: Judgement, c: Colors): string {
  const names = j.resolution.volumes.map((v) => v.name);
  const anon = j.resolution.anonymousVolumes.length;
  const what = [names.length ? names.join(', ') : '', anon ? `${anon} anonymous volume${anon === 1 ? '' : 's'}` : '']
    .filter(Boolean).join(' and ') || j.analysis.operations.map((o) => o.summary).join(', ') || 'volume data it cannot name';
  const via = j.decision.usesPermit && j.permit ? `; allow-once ${j.permit.id}: ${j.permit.reason}` : '';
  return `${c.yellow('compose-guard:')} this command destroys ${what}${via}\n`;
}

export function toJson(j: Judgement): Record<string, unknown> {
  return {
    tool: j.analysis.tool,
    argv: j.analysis.argv,
    destructive: j.decision.destructive,
    operations: j.analysis.operations.map((o) => ({ kind: o.kind, summary: o.summary, reaches: o.reaches })),
    decision: j.decision.verdict,
    environment: j.decision.decidingTag?.tag ?? null,
    tags: j.tags,
    policyFiles: j.policy.files.map((f) => ({ path: f.path, source: f.source })),
    policyErrors: j.policy.errors,
    target: j.target,
    project: j.resolution.project ? { name: j.resolution.project.name, workingDir: j.resolution.project.workingDir, mode: j.resolution.project.mode } : null,
    volumes: j.resolution.volumes,
    anonymousVolumes: j.resolution.anonymousVolumes,
    protectedVolumes: j.decision.protectedVolumes,
    uncertainties: [...j.analysis.uncertainties, ...j.resolution.uncertainties],
    notes: [...j.analysis.notes, ...j.resolution.notes],
    reasons: j.decision.reasons,
    compose: j.compose ? { generation: j.compose.generation, version: j.compose.version, how: j.compose.how, plugin: j.compose.plugin, binary: j.compose.binary } : null,
    allowOnce: j.permit ? { id: j.permit.id, reason: j.permit.reason, expiresAt: j.permit.expiresAt } : null,
  };
}
