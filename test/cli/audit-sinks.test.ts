// The audit where operators look, read back: journald and syslog lines with their structured
// fields (journald does not run on this machine, so the test listens on the sockets itself, in a
// private mount namespace), and a full disk that must not leave a torn line.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFakeBinaries, type FakeBinaries } from '../helpers/fake-binaries.js';
import { installShims, repoRoot, type Installed } from '../helpers/install.js';
import { CAN_UNSHARE, datagrams, inNamespace, LISTENERS } from '../helpers/namespace.js';

let installed: Installed;
let fake: FakeBinaries;

beforeAll(() => {
  installed = installShims();
  fake = makeFakeBinaries();
});

function scene(policyText: string) {
  const home = mkdtempSync(path.join(tmpdir(), 'cg-sink-home-'));
  const project = path.join(mkdtempSync(path.join(tmpdir(), 'cg-sink-')), 'huangpu');
  cpSync(path.join(repoRoot, 'test/fixtures/huangpu'), project, { recursive: true });
  writeFileSync(path.join(home, 'policy.yaml'), policyText);
  const base = { ...process.env };
  for (const key of Object.keys(base)) if (/^(COMPOSE_|DOCKER_|XDG_)/.test(key)) delete base[key];
  const env = { ...base, HOME: home, PATH: `${installed.bin}:${fake.dir}:/usr/bin:/bin`, FAKE_DIR: fake.records, NO_COLOR: '1',
    DOCKER_HOST: 'unix:///nonexistent/docker.sock', COMPOSE_GUARD_POLICY: path.join(home, 'policy.yaml') };
  return { home, project, env };
}

describe.skipIf(!CAN_UNSHARE)('journald and syslog', () => {
  it('each judged command reaches both, with decision, project, volumes, user and target', () => {
    const { home, project, env } = scene('environment: production\naudit: [journald, syslog]\n');
    const result = inNamespace(`${LISTENERS}
      set +e; docker compose down -v 2>"$SCENE/stderr"; echo $? > "$SCENE/status"; set -e
      stop_listeners`, { env, cwd: project });
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(result.scene, 'status'), 'utf8').trim()).toBe('77');
    expect(readFileSync(path.join(result.scene, 'stderr'), 'utf8')).not.toMatch(/note: audit/);

    const [journal] = datagrams(path.join(result.scene, 'journal'));
    const fields = Object.fromEntries((journal ?? '').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(fields).toMatchObject({
      SYSLOG_IDENTIFIER: 'compose-guard', COMPOSE_GUARD_DECISION: 'block', COMPOSE_GUARD_PROJECT: 'huangpu',
      COMPOSE_GUARD_VOLUMES: 'huangpu_postgres,huangpu_minio,huangpu_nats', COMPOSE_GUARD_USER: 'root',
      COMPOSE_GUARD_TARGET: 'default unix:///nonexistent/docker.sock',
    });
    expect(fields.MESSAGE).toMatch(/^block docker compose down -v \(project huangpu\) \[huangpu_postgres, huangpu_minio, huangpu_nats\] by root on /);

    const [syslog] = datagrams(path.join(result.scene, 'syslog'));
    expect(syslog).toMatch(/^<(\d+)>1 \S+ \S+ compose-guard /);
    expect(Number(/^<(\d+)>/.exec(syslog ?? '')?.[1]) >> 3).toBe(4); // facility auth
    expect(syslog).toContain('[compose-guard@32473 decision="block" project="huangpu" volumes="huangpu_postgres,huangpu_minio,huangpu_nats" user="root" target="default unix:///nonexistent/docker.sock"]');
    // The JSON-lines log is kept as well.
    expect(readFileSync(path.join(home, '.local/state/compose-guard/audit.jsonl'), 'utf8')).toContain('"decision":"block"');
  });

  it('a full disk: the short write is taken back, and the line goes to the caller\'s own log with a note', () => {
    const { home, project, env } = scene('');
    const disk = '$SCENE/disk';
    const earlier = `${JSON.stringify({ time: '2026-11-24T00:00:00.000Z', decision: 'allow', filler: 'x'.repeat(3900) })}\n`;
    const result = inNamespace(`
      mkdir -p ${disk} && mount -t tmpfs -o size=4k tmpfs ${disk}
      printf '%s' '${earlier.replace(/'/g, "'\\''")}' > ${disk}/audit.jsonl
      printf 'environment: production\\naudit: %s/audit.jsonl\\n' ${disk} > "$HOME/policy.yaml"
      set +e; docker compose down -v 2>"$SCENE/stderr"; echo $? > "$SCENE/status"; set -e
      cp ${disk}/audit.jsonl "$SCENE/audit-after"`, { env, cwd: project });
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(result.scene, 'status'), 'utf8').trim()).toBe('77');
    expect(readFileSync(path.join(result.scene, 'audit-after'), 'utf8')).toBe(earlier);
    expect(readFileSync(path.join(result.scene, 'stderr'), 'utf8')).toMatch(/note: the audit log .*disk\/audit\.jsonl cannot be written \(ENOSPC\); recorded in .*audit\.jsonl/);
    expect(readFileSync(path.join(home, '.local/state/compose-guard/audit.jsonl'), 'utf8')).toContain('"decision":"block"');
  });
});

describe('sinks that do not run', () => {
  it('say so on stderr, and the JSON line is still written', () => {
    const { home, project, env } = scene('environment: production\naudit: journald\n');
    const { spawnSync } = process.getBuiltinModule('node:child_process');
    const result = spawnSync('docker', ['compose', 'down', '-v'], { cwd: project, env, encoding: 'utf8' });
    expect(result.status).toBe(77);
    if (!readFileSync('/proc/self/mountinfo', 'utf8').includes('/run/systemd/journal')) {
      expect(result.stderr).toMatch(/note: audit: journald does not run here \(no \/run\/systemd\/journal\/socket\)/);
    }
    expect(readFileSync(path.join(home, '.local/state/compose-guard/audit.jsonl'), 'utf8')).toContain('"decision":"block"');
  });
});
