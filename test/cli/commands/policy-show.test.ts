// `compose-guard policy show`: the effective policy, each value with its file:line.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/router.js';
import { testIo } from '../../helpers/cli-io.js';

function setup() {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-show-'));
  const project = path.join(home, 'proj');
  mkdirSync(path.join(home, '.config/compose-guard'), { recursive: true });
  mkdirSync(project);
  writeFileSync(path.join(home, '.config/compose-guard/policy.yaml'), 'environment: Staging\nprotect:\n  - "*_pg"\n');
  writeFileSync(path.join(home, 'env.yaml'), 'targets:\n  "ssh://*prod*": production\nrules:\n  staging: block\naudit: [syslog, /var/log/cg.jsonl]\n');
  writeFileSync(path.join(project, '.compose-guard.yaml'), 'rules:\n  development: confirm\n');
  const env = { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), COMPOSE_GUARD_POLICY: path.join(home, 'env.yaml'), DOCKER_HOST: 'ssh://deploy@prod-db-1' };
  return { home, project, env };
}

async function show(argv: string[], env: Record<string, string>, cwd: string) {
  const { io, captured } = testIo({ argv, cwd, env });
  return { status: await runCli(io), ...captured };
}

describe('policy show', () => {
  it('names every value with the file:line it came from, and what each tag gets', async () => {
    const { home, project, env } = setup();
    const result = await show(['policy', 'show'], env, project);
    expect(result.status).toBe(0);
    const user = path.join(home, '.config/compose-guard/policy.yaml');
    const envFile = path.join(home, 'env.yaml');
    expect(result.stdout).toContain(`daemon default (ssh://deploy@prod-db-1) from DOCKER_HOST`);
    expect(result.stdout).toContain(`staging  from ${user}:1:14`);
    expect(result.stdout).toContain(`production  from ${envFile}:2:19`);
    expect(result.stdout).toContain('-> a volume-destroying command here: block');
    expect(result.stdout).toMatch(new RegExp(`staging +block +\\[built-in default for any other tag; tightened at ${envFile}:4:12 \\(env: block\\)\\]`));
    expect(result.stdout).toMatch(new RegExp(`development +confirm \\(stops without a terminal\\) +\\[built-in default for any other tag; tightened at ${project}/\\.compose-guard\\.yaml:2:16 \\(project: confirm\\)\\]`));
    expect(result.stdout).toMatch(/production +block +\[built-in default\]/);
    expect(result.stdout).toMatch(/ci +allow +\[built-in default\]/);
    expect(result.stdout).toContain(`"*_pg"  [${user}:3:5]`);
    expect(result.stdout).toContain(`/var/log/cg.jsonl  [${envFile}:5:17]`);
    expect(result.stdout).toContain(`syslog  [${envFile}:5:9]`);
  });

  it('prints JSON, and exits 1 listing the errors of a broken policy', async () => {
    const { project, env } = setup();
    const json = JSON.parse((await show(['policy', 'show', '--json'], env, project)).stdout);
    expect(json.rules.find((r: { tag: string }) => r.tag === 'staging')).toMatchObject({ outcome: 'block' });
    expect(json.tagsHere.map((t: { tag: string }) => t.tag)).toEqual(['staging', 'production']);
    writeFileSync(env.COMPOSE_GUARD_POLICY, 'environment: producton\n');
    const broken = await show(['policy', 'show'], env, project);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('-> a volume-destroying command here: block (the policy has errors)');
    expect(broken.stdout).toMatch(/env\.yaml:1:14: unknown tag "producton" \(did you mean production\?\)/);
  });

  it('finds the project of a subdirectory as Compose does, and its policy file', async () => {
    const { project, env } = setup();
    writeFileSync(path.join(project, 'compose.yaml'), 'services: {}\n');
    mkdirSync(path.join(project, 'sub', 'deeper'), { recursive: true });
    const result = await show(['policy', 'show'], env, path.join(project, 'sub', 'deeper'));
    expect(result.stdout).toContain(`tightened at ${project}/.compose-guard.yaml:2:16 (project: confirm)`);
  });
});
