import { describe, expect, it } from 'vitest';
import { analyzeComposeV1 } from '../../src/grammar/compose-v1.js';
import { split, summary } from './table.js';
import { V1_ROWS as rows } from './compose-v1.table.js';

describe('Compose v1 grammar', () => {
  it.each(rows)('docker-compose $argv', ({ argv, kinds = [], uncertain = false }) => {
    expect(summary(analyzeComposeV1(split(argv)))).toEqual({ kinds, uncertain });
  });

  it('collects the invocation', () => {
    const a = analyzeComposeV1(split('-f a.yml --file b.yml --project-name=x --env-file one --env-file two -c prod down -v'));
    expect(a.compose).toMatchObject({ generation: 'v1', files: ['a.yml', 'b.yml'], projectName: 'x', envFiles: ['two'] });
    expect(a.target).toEqual({ context: 'prod', host: undefined });
  });
});
