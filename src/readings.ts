// Several readings of one command line (Compose v1, v2 standalone, a wrapper; docker with and
// without its aliases) combine into the wider answer: every operation any reading finds, every
// doubt, every daemon addressed.
import type { CommandAnalysis, Operation, OperationKind } from './grammar/command.js';
import type { EnvironmentTag } from './policy/tags.js';
import { emptyResolution, type Resolution } from './project/volumes.js';

export function mergeAnalyses(readings: CommandAnalysis[]): CommandAnalysis {
  const [first, ...rest] = readings as [CommandAnalysis, ...CommandAnalysis[]];
  return rest.reduce((acc, r) => ({
    ...acc,
    operations: mergeOperations(acc.operations, r.operations),
    uncertainties: [...acc.uncertainties, ...r.uncertainties],
    notes: [...acc.notes, ...r.notes],
    compose: acc.compose ?? r.compose,
    commandAt: acc.commandAt ?? r.commandAt,
  }), first);
}

/** Operations by kind, with the flag sites of every reading (the alternatives drop them all). */
function mergeOperations(a: Operation[], b: Operation[]): Operation[] {
  const merged = a.map((op) => ({ ...op, sites: [...(op.sites ?? [])] }));
  for (const op of b) {
    const same = merged.find((m) => m.kind === op.kind);
    if (!same) merged.push({ ...op, sites: [...(op.sites ?? [])] });
    else for (const site of op.sites ?? []) if (!same.sites.some((s) => s.at === site.at && s.span?.[0] === site.span?.[0])) same.sites.push(site);
  }
  return merged;
}

export function mergeResolutions(resolutions: Resolution[]): Resolution {
  const merged = emptyResolution();
  for (const r of resolutions) {
    merged.project ??= r.project;
    merged.policyDir ??= r.policyDir;
    for (const v of r.volumes) if (!merged.volumes.some((m) => m.name === v.name)) merged.volumes.push(v);
    for (const a of r.anonymousVolumes) if (!merged.anonymousVolumes.includes(a)) merged.anonymousVolumes.push(a);
    merged.uncertainties.push(...r.uncertainties);
    merged.notes.push(...r.notes);
    merged.harmless.push(...r.harmless.filter((k) => !merged.harmless.includes(k)));
  }
  return merged;
}

/** An operation the engine shows to destroy nothing, in every reading that found it, is dropped. */
export function withoutHarmless(analysis: CommandAnalysis, readings: CommandAnalysis[], resolved: Resolution[]): CommandAnalysis {
  if (resolved.length !== readings.length) return analysis;
  const harmless = (kind: OperationKind) => readings.every((r, i) => !r.operations.some((o) => o.kind === kind) || resolved[i]?.harmless.includes(kind));
  const kept = analysis.operations.filter((o) => !harmless(o.kind));
  return kept.length === analysis.operations.length ? analysis : { ...analysis, operations: kept };
}

export function unionTags(lists: EnvironmentTag[][]): EnvironmentTag[] {
  const out: EnvironmentTag[] = [];
  for (const list of lists) for (const t of list) if (!out.some((o) => o.tag === t.tag && o.from === t.from)) out.push(t);
  return out;
}
