// Bounded reads of real files: regular files under the cap are read; a pipe, a device or an
// oversized file is CannotSee; what cannot be opened is simply absent.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CannotSee } from '../src/errors.js';
import { MAX_PROJECT_FILE_BYTES, readBounded, realFs } from '../src/host.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cg-host-'));
const file = (name: string, content: string | Buffer): string => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('readBounded', () => {
  it('reads a regular file whole, up to and including the cap', () => {
    expect(readBounded(file('a.yaml', 'services: {}\n'), 100)?.toString()).toBe('services: {}\n');
    expect(readBounded(file('exact', 'x'.repeat(10)), 10)?.length).toBe(10);
    expect(readBounded(file('empty', ''), 10)?.length).toBe(0);
  });

  it('refuses a file larger than the cap without reading it', () => {
    expect(() => readBounded(file('big', 'x'.repeat(11)), 10)).toThrow(CannotSee);
    expect(() => readBounded(path.join(dir, 'big'), 10)).toThrow(/larger than 10 bytes/);
  });

  it('gives nothing for a missing file, a folder, or one it may not open', () => {
    expect(readBounded(path.join(dir, 'missing'), 10)).toBeUndefined();
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    expect(readBounded(folder, 10)).toBeUndefined();
    if (process.getuid?.() !== 0) {
      const secret = file('secret', 'x');
      chmodSync(secret, 0);
      expect(readBounded(secret, 10)).toBeUndefined();
    }
  });

  it('follows a symlink to a regular file', () => {
    const target = file('target.yaml', 'a: 1');
    const link = path.join(dir, 'link.yaml');
    symlinkSync(target, link);
    expect(readBounded(link, 100)?.toString()).toBe('a: 1');
  });

  it('never opens a FIFO (a writer waiting on it stays waiting) and says it cannot see it', () => {
    const fifo = path.join(dir, 'compose.fifo');
    execFileSync('mkfifo', [fifo]);
    const started = performance.now();
    expect(() => readBounded(fifo, 100)).toThrow(/not a regular file/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it.each(['/dev/null', '/dev/zero'])('says it cannot see the device %s', (device) => {
    expect(() => readBounded(device, 100)).toThrow(CannotSee);
  });
});

describe('realFs', () => {
  it('reads text as UTF-8 under the project cap', () => {
    expect(realFs.read(file('utf8.env', 'NAME=zürich\n'))).toBe('NAME=zürich\n');
    expect(realFs.read(path.join(dir, 'nope'))).toBeUndefined();
    const huge = file('huge.yaml', Buffer.alloc(MAX_PROJECT_FILE_BYTES + 1, 'a'));
    expect(() => realFs.read(huge)).toThrow(CannotSee);
  });

  it('tells regular files from folders and absent paths', () => {
    expect(realFs.isFile(file('f', 'x'))).toBe(true);
    expect(realFs.isFile(dir)).toBe(false);
    expect(realFs.isFile(path.join(dir, 'absent'))).toBe(false);
  });
});
