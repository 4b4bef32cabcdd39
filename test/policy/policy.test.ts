// Loading the policy in force from real files: sources, refusals, the project file.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditPath, loadPolicy, outcomeFor, policyPaths, protectGlobs, withProjectPolicy, HOST_POLICY } from '../../src/policy/policy.js';

function home(): string {
  return mkdtempSync(path.join(tmpdir(), 'cg-policy-home-'));
}

function write(file: string, text: string, mode = 0o644): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

describe('policy sources', () => {
  it('looks at the host file, the user file and COMPOSE_GUARD_POLICY', () => {
    expect(policyPaths({ HOME: '/home/a', COMPOSE_GUARD_POLICY: 'p.yaml' }).map((p) => [p.source, p.path])).toEqual([
      ['host', HOST_POLICY], ['user', '/home/a/.config/compose-guard/policy.yaml'], ['env', path.resolve('p.yaml')],
    ]);
    expect(policyPaths({ HOME: '/home/a', XDG_CONFIG_HOME: '/cfg' })[1]?.path).toBe('/cfg/compose-guard/policy.yaml');
  });

  it('applies every file that exists together', () => {
    const h = home();
    write(path.join(h, '.config/compose-guard/policy.yaml'), 'environment: ci\nprotect: ["*_db"]\n');
    const env = write(path.join(h, 'env.yaml'), 'protect: ["*_pg"]\naudit: /var/log/x.jsonl\n');
    const policy = loadPolicy({ HOME: h, COMPOSE_GUARD_POLICY: env });
    expect(policy.errors).toEqual([]);
    expect(policy.files.map((f) => f.source)).toEqual(['user', 'env']);
    expect(protectGlobs(policy)).toEqual(['*_db', '*_pg']);
    expect(auditPath(policy)).toBe('/var/log/x.jsonl');
  });

  it('refuses a file others can write, and keeps the rest', () => {
    const h = home();
    write(path.join(h, '.config/compose-guard/policy.yaml'), 'environment: ci\n', 0o666);
    const env = write(path.join(h, 'env.yaml'), 'environment: production\n');
    const policy = loadPolicy({ HOME: h, COMPOSE_GUARD_POLICY: env });
    expect(policy.errors[0]).toMatch(/policy\.yaml: refused: writable by group or others \(mode 666\)/);
    expect(policy.files.map((f) => f.environment)).toEqual(['production']);
  });

  it('a missing COMPOSE_GUARD_POLICY file is no policy, not an error', () => {
    expect(loadPolicy({ HOME: home(), COMPOSE_GUARD_POLICY: '/nonexistent/p.yaml' })).toEqual({ files: [], errors: [] });
  });

  it('adds a project file, which can only tighten', () => {
    const h = home();
    const project = mkdtempSync(path.join(tmpdir(), 'cg-proj-'));
    write(path.join(project, '.compose-guard.yaml'), 'rules:\n  ci: block\n  production: allow\n');
    const env = write(path.join(h, 'env.yaml'), 'environment: ci\n');
    const policy = withProjectPolicy(loadPolicy({ HOME: h, COMPOSE_GUARD_POLICY: env }), project);
    expect(policy.files.at(-1)?.source).toBe('project');
    expect(outcomeFor(policy, 'ci')).toBe('block');
    expect(outcomeFor(policy, 'production')).toBe('block');
  });

  it.each([
    ['production', 'block'], ['ci', 'allow'], ['staging', 'soft'], ['anything', 'soft'],
  ])('defaults: %s -> %s', (tag, outcome) => {
    expect(outcomeFor({ files: [], errors: [] }, tag)).toBe(outcome);
  });
});
