// Tags that cannot be mistyped, and rules a file may not set: every spelling, every source x
// every rule, each error at its file:line:col.
import { describe, expect, it } from 'vitest';
import { parsePolicyFile, RULES, type PolicySource, type Rule } from '../../src/policy/file.js';
import { BUILTIN_TAGS, DEFAULTS, outcomeFor, type Policy } from '../../src/policy/policy.js';
import { validatePolicy } from '../../src/policy/validate.js';

function load(...files: Array<[PolicySource, string]>): Policy {
  const policy = { files: files.map(([source, text]) => parsePolicyFile(text, `/${source}.yaml`, source)), errors: [] };
  return validatePolicy(policy);
}

// [spelling, the tag it is, or the suggestion in the error]
const SPELLINGS: Array<[string, { tag: string } | { error: RegExp }]> = [
  ['production', { tag: 'production' }],
  ['Production', { tag: 'production' }],
  ['PRODUCTION', { tag: 'production' }],
  ['"production "', { tag: 'production' }],
  ['"  Production\\t"', { tag: 'production' }],
  ['staging', { tag: 'staging' }],
  ['Staging', { tag: 'staging' }],
  ['ci', { tag: 'ci' }],
  ['CI', { tag: 'ci' }],
  ['development', { tag: 'development' }],
  ['DEVELOPMENT', { tag: 'development' }],
  ['qa', { tag: 'qa' }],
  ['QA ', { tag: 'qa' }],
  ['producton', { error: /unknown tag "producton" \(did you mean production\?\)/ }],
  ['prodution', { error: /unknown tag "prodution" \(did you mean production\?\)/ }],
  ['Produktion', { error: /unknown tag "produktion" \(did you mean production\?\)/ }],
  ['stagin', { error: /unknown tag "stagin" \(did you mean staging\?\)/ }],
  ['stage', { error: /unknown tag "stage" \(did you mean staging\?\)/ }],
  ['cl', { error: /unknown tag "cl" \(did you mean ci\?\)/ }],
  ['develpment', { error: /unknown tag "develpment" \(did you mean development\?\)/ }],
  ['prod', { error: /unknown tag "prod" \(did you mean production\?\); known tags: production, staging, ci, development, qa/ }],
  ['live', { error: /unknown tag "live"; known/ }],
  ['"production-eu"', { error: /unknown tag "production-eu"/ }],
];

// Where a tag can be written in a user file, and the line:col of the value.
const PLACES: Array<[string, (tag: string) => string, string]> = [
  ['environment', (t) => `environment: ${t}\n`, '1:14'],
  ['hosts', (t) => `hosts:\n  "db-*": ${t}\n`, '2:11'],
  ['targets', (t) => `targets:\n  prod: ${t}\n`, '2:9'],
];

const HOST = 'rules:\n  qa: confirm\n';

describe('tag spellings', () => {
  describe.each(PLACES)('in %s', (_place, text, position) => {
    it.each(SPELLINGS)('%s', (spelling, expected) => {
      const policy = load(['host', HOST], ['user', text(spelling)]);
      if ('tag' in expected) {
        expect(policy.errors).toEqual([]);
        const file = policy.files[1];
        expect([file?.environment, ...Object.values(file?.hosts ?? {}), ...Object.values(file?.targets ?? {})].filter(Boolean)).toEqual([expected.tag]);
      } else {
        expect(policy.errors).toHaveLength(1);
        expect(policy.errors[0]).toMatch(new RegExp(`^/user\\.yaml:${position}: `));
        expect(policy.errors[0]).toMatch(expected.error);
      }
    });
  });

  it.each(SPELLINGS)('as a rule key in a user file: %s', (spelling, expected) => {
    const policy = load(['host', HOST], ['user', `rules:\n  ${spelling}: block\n`]);
    if ('tag' in expected) expect(policy.errors).toEqual([]);
    else expect(policy.errors[0]).toMatch(expected.error);
  });

  it('a tag only the host may declare: qa is unknown without the host file', () => {
    expect(load(['user', 'environment: qa\n']).errors[0]).toMatch(/^\/user\.yaml:1:14: unknown tag "qa"/);
    expect(load(['host', 'environment: qa\nrules: {QA: block}\n']).errors).toEqual([]);
  });

  it('a typo in the host file itself is an error too', () => {
    expect(load(['host', 'environment: producton\n']).errors[0]).toMatch(/^\/host\.yaml:1:14: unknown tag "producton" \(did you mean production\?\)/);
  });

  it('two spellings of one tag in one rules: mapping are an error', () => {
    expect(() => load(['host', 'rules:\n  production: block\n  Production: allow\n'])).toThrow(/host\.yaml:3:15: rules\.Production: the tag production already has a rule/);
  });

  it('the rule of a differently spelled tag applies to it', () => {
    const policy = load(['host', 'rules:\n  Staging: block\n'], ['user', 'environment: " STAGING"\n']);
    expect(outcomeFor(policy, 'staging')).toBe('block');
  });
});

const STRICTNESS: Record<string, number> = { allow: 0, soft: 1, confirm: 2, block: 3 };
const SOURCES: PolicySource[] = ['host', 'user', 'env', 'project'];
const CASES = SOURCES.flatMap((source) => BUILTIN_TAGS.flatMap((tag) => RULES.map((rule) => [source, tag, rule] as [PolicySource, string, Rule])));

describe('every source x every rule', () => {
  it.each(CASES)('%s file: rules.%s: %s', (source, tag, rule) => {
    const policy = load([source, `rules:\n  ${tag}: ${rule}\n`]);
    const baseline = DEFAULTS[tag] ?? 'soft';
    const allowed = source === 'host' || (STRICTNESS[rule] as number) >= (STRICTNESS[baseline] as number);
    if (allowed) {
      expect(policy.errors).toEqual([]);
      expect(outcomeFor(policy, tag)).toBe(source === 'host' || rule !== baseline ? rule : baseline);
    } else {
      expect(policy.errors).toHaveLength(1);
      expect(policy.errors[0]).toMatch(new RegExp(`^/${source}\\.yaml:2:\\d+: rules\\.${tag}: ${rule} would loosen ${tag} .*only the host file /etc/compose-guard/policy\\.yaml may loosen a rule`));
    }
  });

  it('measures loosening against the host file, not only the default', () => {
    expect(load(['host', 'rules: {staging: block}\n'], ['user', 'rules: {staging: confirm}\n']).errors[0]).toMatch(/staging: confirm would loosen staging \(block\)/);
    expect(load(['host', 'rules: {production: confirm}\n'], ['project', 'rules: {production: confirm}\n']).errors).toEqual([]);
  });

  it('audit: in a project file is an error there', () => {
    expect(load(['project', 'audit: /tmp/x.jsonl\n']).errors[0]).toMatch(/^\/project\.yaml:1:8: audit: is set by the host, user or COMPOSE_GUARD_POLICY file/);
    expect(load(['user', 'audit: [/tmp/x.jsonl, syslog]\n']).errors).toEqual([]);
  });
});

describe('a mistyped policy stops volume-destroying commands', () => {
  it.each(['environment: producton\n', 'environment: production\nrules: {staging: allow}\n'])('%j: check stops down -v with file:line:col, ps goes, validate says so', async (text) => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { runCli } = await import('../../src/cli/router.js');
    const { testIo } = await import('../helpers/cli-io.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-typo-'));
    writeFileSync(path.join(dir, 'policy.yaml'), text);
    const env = { HOME: dir, COMPOSE_GUARD_POLICY: path.join(dir, 'policy.yaml'), DOCKER_HOST: 'unix:///nonexistent.sock' };
    const fixture = path.resolve(import.meta.dirname, '../fixtures/huangpu');
    const run = async (argv: string[]) => {
      const { io, captured } = testIo({ argv, cwd: fixture, env });
      return { status: await runCli(io), ...captured };
    };
    const down = await run(['check', '--', 'docker', 'compose', 'down', '-v']);
    expect(down.status).toBe(77);
    expect(down.stderr).toMatch(/policy\.yaml:\d+:\d+: (unknown tag "producton" \(did you mean production\?\)|rules\.staging: allow would loosen staging)/);
    expect((await run(['check', '--', 'docker', 'compose', 'ps'])).status).toBe(0);
    const validate = await run(['policy', 'validate']);
    expect(validate.status).toBe(1);
    expect(validate.stderr).toMatch(/policy\.yaml:\d+:\d+: /);
    expect((await run(['policy', 'validate', path.join(dir, 'policy.yaml')])).status).toBe(1);
  });
});
