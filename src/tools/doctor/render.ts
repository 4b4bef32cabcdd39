// doctor's report as text: one block per route, then the backstop, the policy, and the problems
// each with its fix. Rendering only: everything shown is in the report.
import type { DoctorReport, RouteReport } from '../doctor.js';
import type { Reach } from './reach.js';

function reachLine(r: Reach): string {
  if (!r.first) return `${r.tool}: not found`;
  if (!r.shim) return `${r.tool}: ${r.first}  NOT GUARDED`;
  return `${r.tool}: ${r.first} (compose-guard shim) -> ${r.real ?? 'no real program (127)'}`;
}

function routeBlock(route: RouteReport): string[] {
  const head = `${route.route}: ${route.status}${route.note ? ` (${route.note})` : ''}`;
  const lines = [head, `    via ${route.how}${route.path ? `; PATH=${route.path}` : ''}`];
  for (const r of route.tools) lines.push(`    ${reachLine(r)}`);
  return lines;
}

export function renderDoctor(report: DoctorReport): string {
  const out: string[] = ['routes (each asked in its own environment):'];
  for (const route of report.routes) out.push(...routeBlock(route).map((l) => `  ${l}`));
  out.push('  docker compose (the Compose plugin) runs through docker: guarded wherever docker is.');
  out.push(`daemon backstop: ${report.backstop.state} (${report.backstop.detail})`);
  if (report.node) out.push(`node for the judge: ${report.node}`);
  if (report.policyFiles.length === 0) out.push('policy files: none');
  for (const f of report.policyFiles) out.push(`policy file: ${f.path} (${f.source})${f.environment ? ` environment ${f.environment}` : ''}`);
  for (const e of report.policyErrors) out.push(`policy error: ${e}`);
  const d = report.daemon;
  out.push(`daemon addressed now: ${d.context}${d.endpoint ? ` (${d.endpoint})` : ''}, from ${d.source}`);
  out.push(`tags: ${report.tags.length ? report.tags.map((t) => `${t.tag} [${t.from}]`).join(', ') : 'none (untagged)'}`);
  out.push(`docker compose down -v here now: ${report.downV}`);
  for (const n of report.notes) out.push(`note: ${n}`);
  if (report.problems.length === 0) {
    out.push('no problems found');
  } else {
    // Problems that one fix mends are shown together, above it.
    const byFix = new Map<string, { whys: Set<string>; problems: string[] }>();
    for (const p of report.problems) {
      const entry = byFix.get(p.fix) ?? { whys: new Set<string>(), problems: [] };
      entry.problems.push(p.problem);
      if (p.why) entry.whys.add(p.why);
      byFix.set(p.fix, entry);
    }
    out.push(`problems (${report.problems.length}):`);
    for (const [fix, { whys, problems }] of byFix) {
      out.push(...problems.map((p) => `  - ${p}`), `    fix: ${fix}`, ...[...whys].map((w) => `         (${w})`));
    }
  }
  return `${out.join('\n')}\n`;
}
