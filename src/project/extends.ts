// `extends:` imports another service's definition (from this file or another) under the local
// one; the other file's top-level volumes are not imported (docs "include and extends").
import path from 'node:path';
import type { ComposeGeneration } from '../grammar/command.js';
import type { Env } from '../host.js';
import { interpolateTree, isRecord, readYaml } from './yaml.js';
import { GuardError } from '../errors.js';
import { mergeModels, stripDirectives } from './merge.js';
import type { ProjectFs } from '../host.js';

type Services = Record<string, unknown>;

export function resolveExtends(tree: Record<string, unknown>, file: string, env: Env, generation: ComposeGeneration, fs: ProjectFs): Record<string, unknown> {
  if (!isRecord(tree.services)) return tree;
  const services: Services = {};
  for (const name of Object.keys(tree.services)) services[name] = resolveService(tree.services, name, file, env, generation, fs, []);
  return { ...tree, services };
}

function resolveService(services: Services, name: string, file: string, env: Env, generation: ComposeGeneration, fs: ProjectFs, seen: string[]): unknown {
  const def = services[name];
  if (!isRecord(def) || def.extends === undefined) return def;
  const id = `${file}#${name}`;
  if (seen.includes(id)) throw new GuardError('COMPOSE_FILE', `${file}: circular extends for service ${name}`);
  const spec = typeof def.extends === 'string' ? { service: def.extends } : isRecord(def.extends) ? def.extends : {};
  const baseName = String(spec.service ?? '');
  let baseFile = file;
  let baseServices = services;
  if (typeof spec.file === 'string') {
    baseFile = path.resolve(path.dirname(file), spec.file);
    const other = interpolateTree(readYaml(baseFile, fs), (k) => env[k], { alternates: generation !== 'v1' });
    baseServices = isRecord(other) && isRecord(other.services) ? other.services : {};
  }
  if (!(baseName in baseServices)) throw new GuardError('COMPOSE_FILE', `${file}: service ${name} extends unknown service ${baseName}`);
  const base = stripDirectives(resolveService(baseServices, baseName, baseFile, env, generation, fs, [...seen, id])) as Record<string, unknown>;
  const local: Record<string, unknown> = { ...def };
  delete local.extends;
  const merged = mergeModels({ services: { [name]: base } }, { services: { [name]: local } }) as { services: Services };
  return merged.services[name];
}
