// How compose-guard's grammar judges a row of the spellings table, read as the shim would read it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyzeCommand } from '../../src/grammar/analyze.js';
import { needsJudgement } from '../../src/grammar/command.js';
import { realFs } from '../../src/host.js';
import type { SpellingRow } from './spellings.table.js';

const GENERATION = { docker: 'v2', v2s: 'v2', v1: 'v1', wrap: 'unknown' } as const;

/** Whether any reading of the row needs judgement (a docker row with a config gets it through DOCKER_CONFIG or --config). */
export function judgedAs(row: SpellingRow, generation: 'v1' | 'v2' | 'unknown' = GENERATION[row.reader]): boolean {
  const env: Record<string, string> = { HOME: '/nonexistent' };
  let argv = row.argv;
  if (row.config) {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-cfg-'));
    writeFileSync(path.join(dir, 'config.json'), row.config);
    if (argv.includes('{CFG}')) argv = argv.replace('{CFG}', dir);
    else env.DOCKER_CONFIG = dir;
  }
  const tool = row.reader === 'docker' ? 'docker' : 'docker-compose';
  return analyzeCommand(tool, argv.split(' '), env, generation, realFs).some(needsJudgement);
}

export function title(row: SpellingRow): string {
  return `${row.reader} ${row.argv}${row.config ? ` (config ${row.config})` : ''}${row.compose ? ` (Compose ${row.compose})` : ''}`;
}
