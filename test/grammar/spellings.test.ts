// The grammar against the spellings table (labels confirmed on the real binaries by
// test/e2e/spellings.test.ts): a destroying row is judged, a harmless one is not, and a refused
// one is judged exactly when compose-guard cannot prove the refusal by Docker's own rules.
import { describe, expect, it } from 'vitest';
import { SPELLINGS } from './spellings.table.js';
import { judgedAs, title } from './spellings.judge.js';

describe('every spelling the real tools accept', () => {
  it('has at least 150 rows', () => {
    expect(SPELLINGS.length).toBeGreaterThanOrEqual(150);
  });

  it.each(SPELLINGS.map((r) => [title(r), r] as const))('%s', (_, row) => {
    const expected = row.label === 'destroys' ? true : row.label === 'harmless' ? false : row.judged;
    expect(judgedAs(row)).toBe(expected);
  });

  it.each(SPELLINGS.filter((r) => r.reader !== 'docker' && r.label === 'destroys').map((r) => [`${r.reader} ${r.argv}`, r] as const))(
    'docker-compose of unknown generation still judges %s',
    (_, row) => {
      expect(judgedAs(row, 'unknown')).toBe(true);
    },
  );
});
