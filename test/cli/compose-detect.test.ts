// Asking the Compose binary its version: once at a time per user, bounded, and cached.
import { copyFileSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { askVersion, composeDetector } from '../../src/cli/compose-detect.js';
import { emptyAnalysis } from '../../src/grammar/command.js';
import { versionCacheFile } from '../../src/project/version-cache.js';

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-detect-'));
  const binary = path.join(dir, 'docker-compose');
  copyFileSync('/bin/echo', binary);
  const env = { HOME: path.join(dir, 'home') };
  return { binary, env, detect: (remember = true) => composeDetector('docker-compose', binary, env, remember)(emptyAnalysis('docker-compose', [])) };
}

describe('asking the binary its version', () => {
  it('answers with what the program printed, or nothing when it fails', async () => {
    expect(await askVersion('/bin/echo')).toBe('version --short\n');
    expect(await askVersion('/bin/false')).toBeUndefined();
    expect(await askVersion('/nonexistent')).toBeUndefined();
  });

  it('does not start a second ask while another judge is asking; a stale lock is taken over', async () => {
    const { env, detect } = setup();
    const lock = `${versionCacheFile(env)}.lock`;
    mkdirSync(path.dirname(lock), { recursive: true, mode: 0o700 });
    writeFileSync(lock, '');
    const busy = detect();
    expect(busy).not.toBeInstanceOf(Promise);
    expect(busy).toMatchObject({ generation: 'unknown', how: 'no-answer' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const asked = detect();
    expect(asked).toBeInstanceOf(Promise);
    // /bin/echo answers "version --short": no version in it, so still unknown, and nothing cached.
    expect(await asked).toMatchObject({ generation: 'unknown', how: 'no-answer' });
  });
});
