// Replacing a file atomically, on the real filesystem: the new content replaces the old; a writer
// killed in the middle of writing leaves the old file whole; a folder that is gone is not made
// again; nothing is left behind on failure.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { replaceFile } from '../../../src/tools/snapshot/atomic-file.js';
import { repoRoot } from '../../helpers/install.js';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'cg-atomic-'));

describe('replaceFile', () => {
  it('replaces the content, with the mode asked, leaving no temporary file', async () => {
    const dir = fresh();
    const file = path.join(dir, 'manifest.json');
    writeFileSync(file, '{"old":true}');
    await replaceFile(file, '{"new":true}');
    expect(readFileSync(file, 'utf8')).toBe('{"new":true}');
    expect(readdirSync(dir)).toEqual(['manifest.json']);
  });

  it('does not bring back a folder that was removed', async () => {
    const dir = fresh();
    rmSync(dir, { recursive: true });
    await expect(replaceFile(path.join(dir, 'manifest.json'), '{}')).rejects.toThrow(/ENOENT/);
    expect(existsSync(dir)).toBe(false);
  });

  it('a writer killed mid-write leaves the old file whole', async () => {
    const dir = fresh();
    const file = path.join(dir, 'manifest.json');
    const old = JSON.stringify({ id: 'p-1', verified: true });
    writeFileSync(file, old);
    const script = path.join(dir, 'writer.mjs');
    buildSync({ entryPoints: [path.join(repoRoot, 'src/tools/snapshot/atomic-file.ts')], bundle: true, platform: 'node', format: 'esm', outfile: path.join(dir, 'atomic.mjs') });
    // 400 MB of content: the writer is still writing when it is killed.
    writeFileSync(script, `import { replaceFile } from './atomic.mjs';\nawait replaceFile(${JSON.stringify(file)}, '{"x":"' + 'y'.repeat(400 << 20) + '"}');\n`);
    const child = spawn(process.execPath, [script], { stdio: 'ignore' });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (readdirSync(dir).some((n) => n.endsWith('.tmp'))) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 2);
    });
    await new Promise((resolve) => child.on('close', resolve));
    expect(readFileSync(file, 'utf8')).toBe(old);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ id: 'p-1', verified: true });
  });
});
