import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consumePermit, findPermit, issuePermit } from '../../src/policy/permits.js';

const NOW = new Date('2026-11-24T12:00:00Z');
const REQUEST = { host: 'db-prod-1', tool: 'docker', argv: ['compose', 'down', '-v'], project: 'huangpu' };

function issue(dir: string, minutes = 10) {
  return issuePermit(dir, { ...REQUEST, cwd: '/srv/huangpu', reason: 'restore', issuedBy: 'alice' }, minutes, NOW);
}

describe('allow-once permissions', () => {
  it('match only the same host, command line and project, before expiry', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-permits-'));
    const permit = issue(dir, 10);
    expect(findPermit(dir, REQUEST, NOW)?.id).toBe(permit.id);
    expect(findPermit(dir, { ...REQUEST, host: 'db-prod-2' }, NOW)).toBeUndefined();
    expect(findPermit(dir, { ...REQUEST, argv: ['compose', 'down', '--volumes'] }, NOW)).toBeUndefined();
    expect(findPermit(dir, { ...REQUEST, argv: ['compose', 'down', '-v', 'x'] }, NOW)).toBeUndefined();
    expect(findPermit(dir, { ...REQUEST, project: 'other' }, NOW)).toBeUndefined();
    expect(findPermit(dir, { ...REQUEST, tool: 'docker-compose' }, NOW)).toBeUndefined();
    expect(findPermit(dir, REQUEST, new Date(NOW.getTime() + 9 * 60_000))?.id).toBe(permit.id);
  });

  it('expire, and expired ones are removed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-permits-'));
    issue(dir, 10);
    expect(findPermit(dir, REQUEST, new Date(NOW.getTime() + 10 * 60_000))).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('can be consumed once only', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-permits-'));
    const permit = issue(dir);
    expect(consumePermit(dir, permit)).toBe(true);
    expect(consumePermit(dir, permit)).toBe(false);
    expect(findPermit(dir, REQUEST, NOW)).toBeUndefined();
    expect(existsSync(path.join(dir, `${permit.id}.json`))).toBe(false);
  });

  it('no folder means no permission', () => {
    expect(findPermit('/nonexistent/permits', REQUEST, NOW)).toBeUndefined();
  });
});
