// Which docker-compose plugin `docker compose` runs: the docker CLI's search order.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerConfigDir, findComposePlugin, pluginSearchPath, SYSTEM_PLUGIN_DIRS } from '../../src/project/compose-plugin.js';

function plugin(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'docker-compose');
  copyFileSync('/bin/true', file);
  chmodSync(file, 0o755);
  return file;
}

describe('finding the Compose plugin', () => {
  it('uses --config, then DOCKER_CONFIG, then ~/.docker', () => {
    expect(dockerConfigDir({ HOME: '/h', DOCKER_CONFIG: '/c' }, '/flag')).toBe('/flag');
    expect(dockerConfigDir({ HOME: '/h', DOCKER_CONFIG: '/c' }, undefined)).toBe('/c');
    expect(dockerConfigDir({ HOME: '/h' }, undefined)).toBe('/h/.docker');
  });

  it('searches cliPluginsExtraDirs first, then <config>/cli-plugins, then the system folders', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cg-plugin-'));
    const config = path.join(root, 'config');
    const own = plugin(path.join(config, 'cli-plugins'));
    expect(findComposePlugin({ DOCKER_CONFIG: config }, undefined)).toBe(own);
    const extra = plugin(path.join(root, 'extra'));
    writeFileSync(path.join(config, 'config.json'), JSON.stringify({ cliPluginsExtraDirs: [path.join(root, 'missing'), path.join(root, 'extra')] }));
    expect(findComposePlugin({ DOCKER_CONFIG: config }, undefined)).toBe(extra);
    expect(pluginSearchPath({ DOCKER_CONFIG: config }, undefined)).toEqual([path.join(root, 'missing'), path.join(root, 'extra'), path.join(config, 'cli-plugins'), ...SYSTEM_PLUGIN_DIRS]);
  });

  it('reads a broken config.json as having no extra folders', () => {
    const config = mkdtempSync(path.join(tmpdir(), 'cg-plugin-'));
    writeFileSync(path.join(config, 'config.json'), '{not json');
    expect(pluginSearchPath({ DOCKER_CONFIG: config }, undefined)[0]).toBe(path.join(config, 'cli-plugins'));
  });
});
