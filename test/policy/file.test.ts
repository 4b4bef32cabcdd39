import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePolicyFile, POLICY_KEYS, refuseWritableByOthers } from '../../src/policy/file.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../schema/policy.schema.json'), 'utf8'));
const validateWithSchema = new Ajv2020({ allErrors: true }).compile(schema);

const VALID = [
  '',
  'environment: production\n',
  `environment: production
hosts:
  "db-prod-*": production
targets:
  prod: production
  "ssh://*prod*": production
rules:
  production: block
  staging: confirm
  ci: allow
protect:
  - "*_postgres"
audit: /var/log/compose-guard/audit.jsonl
`,
  '$schema: ./schema/policy.schema.json\nenvironment: ci\n',
  `snapshots:
  before: [production, staging]
  dir: /var/backups/compose-guard
  keep: 5
  repository: "sftp:backup@host:/srv/restic"
  password-file: /etc/compose-guard/restic.pass
  restic-options: ["sftp.command=ssh -p 2222 backup@host -s sftp"]
checks:
  - service: postgres
    command: psql -tc 'select count(*) from packages'
    above: 0
  - service: minio
    command: [test, -s, /data/bucket/package.tgz]
`,
  `snapshots:
  repository: "s3:https://s3.eu-west-1.amazonaws.com/backups/pkgstore"
  password-file: /etc/compose-guard/restic.pass
  environment-file: /etc/compose-guard/restic.env
`,
];

// [text, message with file:line:col]
const INVALID: Array<[string, RegExp]> = [
  ['enviroment: production\n', /^\/p\.yaml:1:1: unknown key "enviroment"/],
  ['environment: production\naudit: /x\nrulez: {}\n', /^\/p\.yaml:3:1: unknown key "rulez"/],
  ['environment: [production]\n', /^\/p\.yaml:1:14: environment must be a non-empty string/],
  ['rules:\n  production: stop\n', /^\/p\.yaml:2:15: rules\.production must be one of block, confirm, allow \(not "stop"\)/],
  ['protect: "*_postgres"\n', /^\/p\.yaml:1:10: protect must be a list/],
  ['hosts:\n  - db-prod-1\n', /^\/p\.yaml:2:3: hosts must be a mapping/],
  ['targets:\n  prod: 3\n', /^\/p\.yaml:2:9: targets\."prod" must be a non-empty string/],
  ['environment: production\nenvironment: ci\n', /^\/p\.yaml:2:1: Map keys must be unique/],
  ['environment: [production\n', /^\/p\.yaml:\d+:\d+: /],
  ['- production\n', /^\/p\.yaml:1:1: a policy is a mapping/],
  ['snapshots:\n  keep: 0\n', /^\/p\.yaml:2:9: snapshots\.keep must be a whole number of at least 1/],
  ['snapshots:\n  befor: [production]\n', /^\/p\.yaml:2:3: unknown key "snapshots\.befor"/],
  ['snapshots:\n  before: production\n', /^\/p\.yaml:2:11: snapshots\.before must be a list/],
  ['snapshots:\n  environment-file: [a]\n', /^\/p\.yaml:2:21: snapshots\.environment-file must be a non-empty string/],
  ['checks:\n  - service: postgres\n', /^\/p\.yaml:2:5: a check needs a service and a command/],
  ['checks:\n  - service: pg\n    command: x\n    above: many\n', /^\/p\.yaml:4:12: checks\[\]\.above must be a number/],
];

describe('policy files', () => {
  it.each(VALID)('accepts %j, and so does the JSON Schema', (text) => {
    expect(() => parsePolicyFile(text, '/p.yaml', 'host')).not.toThrow();
    expect(validateWithSchema(parse(text) ?? {})).toBe(true);
  });

  it.each(INVALID)('refuses %j with file:line:col', (text, message) => {
    expect(() => parsePolicyFile(text, '/p.yaml', 'host')).toThrow(message);
  });

  it('the JSON Schema refuses what the parser refuses', () => {
    for (const [text] of [...INVALID.slice(0, 7), ...INVALID.slice(-5)]) expect(validateWithSchema(parse(text)), text).toBe(false);
  });

  it('the JSON Schema and the parser know the same keys', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...POLICY_KEYS].sort());
  });

  it('reads every key', () => {
    const policy = parsePolicyFile(VALID[2]!, '/p.yaml', 'host');
    expect(policy).toMatchObject({
      environment: 'production', hosts: { 'db-prod-*': 'production' }, targets: { prod: 'production', 'ssh://*prod*': 'production' },
      rules: { production: 'block', staging: 'confirm', ci: 'allow' }, protect: ['*_postgres'], audit: '/var/log/compose-guard/audit.jsonl',
    });
  });

  it('reads snapshots and checks', () => {
    const policy = parsePolicyFile(VALID[4]!, '/p.yaml', 'project');
    expect(policy.snapshots).toEqual({
      before: ['production', 'staging'], dir: '/var/backups/compose-guard', keep: 5, repository: 'sftp:backup@host:/srv/restic',
      passwordFile: '/etc/compose-guard/restic.pass', resticOptions: ['sftp.command=ssh -p 2222 backup@host -s sftp'],
    });
    expect(policy.checks).toEqual([
      { service: 'postgres', command: "psql -tc 'select count(*) from packages'", above: 0 },
      { service: 'minio', command: ['test', '-s', '/data/bucket/package.tgz'] },
    ]);
  });

  it('reads the restic environment file', () => {
    expect(parsePolicyFile(VALID.at(-1)!, '/p.yaml', 'host').snapshots).toEqual({
      repository: 's3:https://s3.eu-west-1.amazonaws.com/backups/pkgstore', passwordFile: '/etc/compose-guard/restic.pass', environmentFile: '/etc/compose-guard/restic.env',
    });
  });

  it.each([[0o100644, false], [0o100600, false], [0o100664, true], [0o100646, true], [0o100666, true]])('mode %o refused: %s', (mode, refused) => {
    const attempt = () => refuseWritableByOthers('/p.yaml', { mode });
    if (refused) expect(attempt).toThrow(/refused: writable by group or others .*chmod go-w \/p\.yaml/);
    else expect(attempt).not.toThrow();
  });
});
