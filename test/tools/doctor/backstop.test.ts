// Whether the daemon-side backstop guards the engine addressed now, read from what really runs:
// the command lines of running dockerd processes (found in /proc), the daemon.json each one
// reads, and whether the plugin's socket is there. The dockerds here are stand-ins started with
// a dockerd command line (any program can carry one), each serving its own socket.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backstopStatus } from '../../../src/tools/doctor/backstop.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cg-backstop-'));
const endpoint = (name: string) => `unix://${path.join(dir, `${name}.sock`)}`;
const pluginSocket = path.join(dir, 'compose-guard.sock');
const noSocket = path.join(dir, 'absent.sock');
const configFile = path.join(dir, 'daemon.json');
const children: ChildProcess[] = [];

/** A process whose command line is `dockerd ARGS...`, as /proc shows it. */
function fakeDockerd(...args: string[]): ChildProcess {
  const child = spawn('/bin/sh', ['-c', 'sleep 60; :', ...args], { argv0: 'dockerd', stdio: 'ignore' });
  children.push(child);
  return child;
}

beforeAll(async () => {
  writeFileSync(pluginSocket, '');
  fakeDockerd('-H', endpoint('flagged'), '--authorization-plugin=compose-guard');
  fakeDockerd('--host', endpoint('split'), '--authorization-plugin', 'compose-guard');
  fakeDockerd(`--host=${endpoint('configured')}`, `--config-file=${configFile}`);
  fakeDockerd('-H', endpoint('plain'));
  await new Promise((resolve) => setTimeout(resolve, 200));
});

afterAll(() => {
  for (const c of children) c.kill();
});

const files = (content: Record<string, string>) => (file: string) => content[file];
const naming = files({ [configFile]: '{"authorization-plugins": ["other", "compose-guard"]}' });

describe('backstopStatus', () => {
  it('is active when the serving dockerd names the plugin on its command line and the plugin listens', () => {
    for (const name of ['flagged', 'split']) {
      expect(backstopStatus(files({}), endpoint(name), pluginSocket)).toEqual({
        state: 'active', detail: `dockerd --authorization-plugin=compose-guard; plugin listening on ${pluginSocket}`, configuredBy: 'dockerd --authorization-plugin=compose-guard',
      });
    }
  });

  it("reads the daemon.json the serving dockerd reads (its --config-file)", () => {
    expect(backstopStatus(naming, endpoint('configured'), pluginSocket)).toMatchObject({ state: 'active', configuredBy: `${configFile} authorization-plugins` });
  });

  it('is broken when the plugin is named but nothing listens: dockerd then refuses requests', () => {
    expect(backstopStatus(naming, endpoint('configured'), noSocket)).toEqual({
      state: 'broken', configuredBy: `${configFile} authorization-plugins`,
      detail: `${configFile} authorization-plugins names the plugin, but nothing listens on ${noSocket}: dockerd refuses requests it cannot ask about`,
    });
  });

  it('is absent when the serving dockerd is not told to ask it, listening or not', () => {
    expect(backstopStatus(naming, endpoint('plain'), pluginSocket)).toEqual({ state: 'absent', detail: `the plugin listens on ${pluginSocket}, but dockerd is not told to ask it` });
    expect(backstopStatus(files({ [configFile]: '{"authorization-plugins": ["other"]}' }), endpoint('configured'), noSocket).state).toBe('absent');
    expect(backstopStatus(files({ [configFile]: '{not json' }), endpoint('configured'), pluginSocket).state).toBe('absent');
  });

  it("does not take another engine's settings for the one addressed", () => {
    // No dockerd serves this socket: the daemon.json of the default engine is not its.
    expect(backstopStatus(files({ '/etc/docker/daemon.json': '{"authorization-plugins": ["compose-guard"]}' }), endpoint('unserved'), pluginSocket).state).toBe('absent');
  });
});
