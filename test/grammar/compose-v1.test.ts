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
    expect(a.target).toEqual({ context: 'prod', host: undefined, composeV1: { tls: false, verify: false, cacert: undefined, cert: undefined, key: undefined, skipHostnameCheck: false } });
  });

  it('collects the TLS options, which Compose v1 reads by its own rules (src/daemon/engine-tls.ts)', () => {
    const a = analyzeComposeV1(split('--tlsverify --tlscacert=ca.pem --tlscert c.pem --tlskey k.pem --tls --skip-hostname-check -H tcp://h:2376 down -v'));
    expect(a.target).toEqual({ context: undefined, host: 'tcp://h:2376', composeV1: { tls: true, verify: true, cacert: 'ca.pem', cert: 'c.pem', key: 'k.pem', skipHostnameCheck: true } });
    expect(a.operations.length).toBeGreaterThan(0);
  });
});
