// `compose-guard install` places shims from an installation, with no source tree: the installed
// command installs again elsewhere, and uninstalls saying what it keeps.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installShims } from '../helpers/install.js';

describe('compose-guard install', () => {
  it('from an install tree: places working shims in another prefix, then removes them', () => {
    const first = installShims();
    const prefix = mkdtempSync(path.join(tmpdir(), 'cg-again-'));
    const command = path.join(first.bin, 'compose-guard');
    const out = execFileSync(command, ['install', '--prefix', prefix], { encoding: 'utf8', env: { ...process.env, PATH: `/usr/bin:/bin:${path.dirname(process.execPath)}` } });
    expect(out).toContain(`compose-guard installed in ${prefix}/bin`);
    expect(readFileSync(path.join(prefix, 'bin/docker'), 'utf8')).toContain(`guard_lib='${prefix}/lib/compose-guard'`);
    expect(execFileSync(path.join(prefix, 'bin/compose-guard'), ['version'], { encoding: 'utf8' })).toMatch(/^compose-guard \d/);
    const removed = spawnSync(command, ['install', '--uninstall', '--prefix', prefix], { encoding: 'utf8' });
    expect(removed.status).toBe(0);
    expect(removed.stdout).toMatch(/kept: .*compose-guard \(your policy\) and .* \(audit, permissions\); .*--uninstall --purge removes them/);
    expect(removed.stdout).toContain("run 'hash -r'");
    expect(existsSync(path.join(prefix, 'bin/docker'))).toBe(false);
  });

  it('rejects options it does not know, with the usage status', () => {
    const { bin } = installShims();
    const result = spawnSync(path.join(bin, 'compose-guard'), ['install', '--sytem'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
  });
});
