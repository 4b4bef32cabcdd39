// A service's dependencies, explicit and implicit, as compose-go counts them.
import { describe, expect, it } from 'vitest';
import { dependenciesOf } from '../../src/project/dependencies.js';

describe('a service\'s dependencies', () => {
  it.each([
    ['depends_on as a list', { depends_on: ['db', 'cache'] }, ['db', 'cache']],
    ['depends_on as a map', { depends_on: { db: { condition: 'service_healthy' } } }, ['db']],
    ['links with aliases', { links: ['db:database', 'cache'] }, ['db', 'cache']],
    ['volumes_from services, not containers', { volumes_from: ['files', 'service:logs:ro', 'container:abc'] }, ['files', 'logs']],
    ['network_mode, ipc and pid of a service', { network_mode: 'service:net', ipc: 'service:shm', pid: 'host' }, ['net', 'shm']],
    ['none', { image: 'x' }, []],
  ])('%s', (_name, service, expected) => {
    expect(dependenciesOf(service)).toEqual(expected);
  });
});
