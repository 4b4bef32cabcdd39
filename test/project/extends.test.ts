// `extends:` imports another service's definition, from this file or another.
import { describe, expect, it } from 'vitest';
import { GuardError } from '../../src/errors.js';
import { resolveExtends } from '../../src/project/extends.js';
import { memoryFs } from '../helpers/memory-fs.js';

const fs = memoryFs({
  '/p/base.yml': 'services:\n  db:\n    image: postgres:${PG}\n    volumes: [pg:/var/lib/postgresql/data]\n  chained:\n    extends: db\n    environment: [A=1]\nvolumes:\n  pg: {}\n',
});
const resolve = (services: Record<string, unknown>, env: Record<string, string> = { PG: '16' }, generation: 'v1' | 'v2' = 'v2') =>
  resolveExtends({ services }, '/p/compose.yml', env, generation, fs) as { services: Record<string, Record<string, unknown>> };

describe('resolveExtends', () => {
  it('merges a service of the same file under the local definition', () => {
    const out = resolve({ base: { image: 'app', ports: ['80:80'] }, web: { extends: 'base', ports: ['81:81'] } });
    expect(out.services.web).toEqual({ image: 'app', ports: ['80:80', '81:81'] });
    expect(out.services.web?.extends).toBeUndefined();
  });

  it('takes `extends: {service}` as well as a bare name', () => {
    expect(resolve({ base: { image: 'app' }, web: { extends: { service: 'base' } } }).services.web).toEqual({ image: 'app' });
  });

  it('reads another file, interpolated with the project\'s environment, and follows its own extends', () => {
    const out = resolve({ db: { extends: { file: 'base.yml', service: 'chained' }, image: 'mine' } });
    expect(out.services.db).toMatchObject({ image: 'mine', volumes: ['pg:/var/lib/postgresql/data'], environment: ['A=1'] });
    expect(resolve({ db: { extends: { file: 'base.yml', service: 'db' } } }).services.db?.image).toBe('postgres:16');
  });

  it('does not import the other file\'s top-level volumes', () => {
    const out = resolveExtends({ services: { db: { extends: { file: 'base.yml', service: 'db' } } } }, '/p/compose.yml', { PG: '16' }, 'v2', fs);
    expect(out).not.toHaveProperty('volumes');
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown service', { web: { extends: 'nope' } }, /service web extends unknown service nope/],
    ['a cycle', { a: { extends: 'b' }, b: { extends: 'a' } }, /circular extends for service a/],
    ['itself', { a: { extends: 'a' } }, /circular extends/],
    ['a missing file', { a: { extends: { file: 'gone.yml', service: 'x' } } }, /gone\.yml: no such file/],
  ])('refuses %s', (_, services, message) => {
    expect(() => resolve(services)).toThrow(GuardError);
    expect(() => resolve(services)).toThrow(message);
  });

  it('leaves a file without services, and services without extends, as they are', () => {
    const tree = { volumes: { a: {} } };
    expect(resolveExtends(tree, '/p/c.yml', {}, 'v2', fs)).toBe(tree);
    expect(resolve({ web: { image: 'x' } }).services.web).toEqual({ image: 'x' });
  });
});
