import { describe, expect, it } from 'vitest';
import { daemonSettings, grantSeconds } from '../../../src/daemon/plugin/settings.js';

describe('daemonSettings', () => {
  it('defaults to where dockerd looks for a plugin named compose-guard', () => {
    expect(daemonSettings({})).toEqual({
      pluginName: 'compose-guard', pluginSocket: '/run/docker/plugins/compose-guard.sock', grantSocket: '/run/compose-guard/grants.sock',
      grantGroup: 'docker', engine: 'unix:///var/run/docker.sock', maxGrantSeconds: 120,
    });
  });

  it('takes the plugin name from the socket, and bounds grant lifetimes', () => {
    const s = daemonSettings({ COMPOSE_GUARD_PLUGIN_SOCKET: '/tmp/x/cg-test.sock', COMPOSE_GUARD_GRANT_MAX_SECONDS: '9999', DOCKER_HOST: 'unix:///tmp/d.sock' });
    expect([s.pluginName, s.maxGrantSeconds, s.engine]).toEqual(['cg-test', 120, 'unix:///tmp/d.sock']);
    expect([grantSeconds({}), grantSeconds({ COMPOSE_GUARD_GRANT_SECONDS: '5' }), grantSeconds({ COMPOSE_GUARD_GRANT_SECONDS: '0' }), grantSeconds({ COMPOSE_GUARD_GRANT_SECONDS: 'x' })]).toEqual([30, 5, 30, 30]);
  });
});
