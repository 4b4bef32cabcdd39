// Loads a compose project the way Compose does (FILE MODE): files, environment, project name,
// `include`, `extends`, merging, services with their profiles and mounts, top-level volumes.
import path from 'node:path';
import type { ComposeGeneration, ComposeInvocation } from '../grammar/command.js';
import { overlay, readEnvFiles } from './env-files.js';
import type { Env } from '../host.js';
import { interpolateTree, isRecord, readYaml } from './yaml.js';
import { GuardError } from '../errors.js';
import { mergeModels, stripDirectives } from './merge.js';
import { parseMount, type Mount } from './mounts.js';
import { normalizeProjectName, validProjectName, v1ProjectName } from './name.js';
import type { ProjectFs } from '../host.js';
import { resolveExtends } from './extends.js';
import type { ComposeRules } from './compose-rules.js';
import { validateComposeFile, type Validators } from './schema-validate.js';
import { checkReadable, projectEnvironment, UnresolvableProject } from './project-env.js';
import { dependenciesOf } from './dependencies.js';

export { UnresolvableProject };

export interface ServiceModel {
  name: string;
  profiles: string[];
  mounts: Mount[];
  /** Services it depends on: depends_on, links, volumes_from, network_mode/ipc/pid `service:`. */
  dependencies: string[];
}

export interface VolumeModel {
  key: string;
  /** The engine's name for it. */
  name: string;
  external: boolean;
  /** Named by `name:` (or legacy `external.name`) rather than derived from the project. */
  explicitName: boolean;
}

export interface ProjectModel {
  generation: ComposeGeneration;
  name: string;
  workingDir: string;
  files: string[];
  env: Env;
  services: ServiceModel[];
  volumes: VolumeModel[];
}

export interface LoadInputs {
  invocation: ComposeInvocation;
  env: Env;
  cwd: string;
  fs: ProjectFs;
  /** The rules of the Compose v2 version that runs; without them, 2.26.1's and no schema check. */
  rules?: ComposeRules;
  validators?: Validators;
}

export function loadProject(inputs: LoadInputs): ProjectModel {
  const { invocation: inv, fs, rules, validators } = inputs;
  const generation = inv.generation;
  const { env, files, workingDir } = projectEnvironment(inputs);
  const raws = files.map((file) => readYaml(file, fs));
  const name = projectName(inv, env, raws, workingDir, generation);
  const lookupEnv: Env = generation === 'v1' ? env : { ...env, COMPOSE_PROJECT_NAME: name };
  const validate = generation === 'v2' && rules && validators
    ? (tree: unknown, file: string) => validateComposeFile(tree, file, rules.schema, validators)
    : undefined;
  const model = mergeFiles(files, raws, lookupEnv, generation, { fs, validate });
  return {
    generation,
    name,
    workingDir,
    files,
    env,
    services: servicesOf(model),
    volumes: volumesOf(model, name, generation),
  };
}

function projectName(inv: ComposeInvocation, env: Env, raws: unknown[], workingDir: string, generation: ComposeGeneration): string {
  if (generation === 'v1') return v1ProjectName(inv.projectName || env.COMPOSE_PROJECT_NAME || path.basename(workingDir));
  const explicit = inv.projectName || env.COMPOSE_PROJECT_NAME;
  if (explicit) {
    if (!validProjectName(explicit)) throw new GuardError('PROJECT', `invalid project name "${explicit}"`);
    return explicit;
  }
  const declared = raws
    .map((raw) => (isRecord(raw) && typeof raw.name === 'string' ? (interpolateTree(raw.name, (k) => env[k], {}, 'name') as string) : ''))
    .filter(Boolean)
    .at(-1);
  const name = normalizeProjectName(declared ?? path.basename(workingDir));
  if (!name) throw new GuardError('PROJECT', 'project name must not be empty');
  return name;
}

interface LoadContext {
  fs: ProjectFs;
  /** Checks one file, interpolated, against the schema; throws when Compose would refuse it. */
  validate?: (tree: unknown, file: string) => void;
}

function mergeFiles(files: string[], raws: unknown[], env: Env, generation: ComposeGeneration, ctx: LoadContext): Record<string, unknown> {
  let model: Record<string, unknown> = {};
  raws.forEach((raw, index) => {
    const file = files[index] as string;
    const tree = interpolateTree(raw, (k) => env[k], { alternates: generation !== 'v1' }) as Record<string, unknown>;
    ctx.validate?.(tree, file);
    if (generation === 'v1' && ('name' in tree || 'include' in tree)) {
      throw new GuardError('COMPOSE_FILE', `${file}: Compose v1 does not support the top-level ${'name' in tree ? 'name' : 'include'} key`);
    }
    const withIncludes = generation === 'v2' ? applyIncludes(tree, file, env, ctx) : tree;
    const resolved = resolveExtends(withIncludes, file, env, generation, ctx.fs);
    if (generation === 'v1' && isRecord(model.volumes) && isRecord(resolved.volumes)) {
      // v1 replaces a volume's whole entry instead of merging it.
      model = mergeModels(model, { ...resolved, volumes: undefined }) as Record<string, unknown>;
      model.volumes = { ...(model.volumes as object), ...(stripDirectives(resolved.volumes) as object) };
    } else {
      model = (index === 0 ? stripDirectives(resolved) : mergeModels(model, resolved)) as Record<string, unknown>;
    }
  });
  return model;
}

/**
 * `include:` entries load as their own projects (own directory and `.env`) and are imported. The
 * including project's environment (shell and its `.env`) wins over the included `.env`.
 */
function applyIncludes(tree: Record<string, unknown>, file: string, parentEnv: Env, ctx: LoadContext): Record<string, unknown> {
  const { fs } = ctx;
  const entries = tree.include;
  if (!Array.isArray(entries)) return tree;
  const baseDir = path.dirname(file);
  const out: Record<string, unknown> = { ...tree, include: undefined };
  delete out.include;
  for (const entry of entries) {
    const spec = typeof entry === 'string' ? { path: entry } : isRecord(entry) ? entry : {};
    const paths = (Array.isArray(spec.path) ? spec.path : [spec.path]).filter((p): p is string => typeof p === 'string');
    paths.forEach((p) => checkReadable(p, baseDir));
    const includedFiles = paths.map((p) => path.resolve(baseDir, p));
    if (includedFiles.length === 0) continue;
    const dir = typeof spec.project_directory === 'string' ? path.resolve(baseDir, spec.project_directory) : path.dirname(includedFiles[0] as string);
    const envFileList = (Array.isArray(spec.env_file) ? spec.env_file : spec.env_file ? [spec.env_file] : []) as string[];
    const envFiles = envFileList.length > 0 ? envFileList.map((f) => path.resolve(baseDir, f)) : fs.isFile(path.join(dir, '.env')) ? [path.join(dir, '.env')] : [];
    const includedEnv = overlay(parentEnv, readEnvFiles(envFiles, parentEnv, fs));
    const included = mergeFiles(includedFiles, includedFiles.map((f) => readYaml(f, fs)), includedEnv, 'v2', ctx);
    for (const section of ['services', 'volumes'] as const) {
      const imported = included[section];
      if (!isRecord(imported)) continue;
      const existing = isRecord(out[section]) ? (out[section] as Record<string, unknown>) : {};
      for (const [key, value] of Object.entries(imported)) {
        if (key in existing && JSON.stringify(existing[key]) !== JSON.stringify(value)) {
          throw new GuardError('COMPOSE_FILE', `${file}: ${section}.${key} conflicts with imported resource`);
        }
      }
      out[section] = { ...imported, ...existing };
    }
  }
  return out;
}

function servicesOf(model: Record<string, unknown>): ServiceModel[] {
  const services = isRecord(model.services) ? model.services : {};
  return Object.entries(services).map(([name, def]) => {
    const service = isRecord(def) ? def : {};
    const profiles = Array.isArray(service.profiles) ? service.profiles.map(String) : [];
    const mounts = Array.isArray(service.volumes) ? service.volumes.map(parseMount) : [];
    return { name, profiles, mounts, dependencies: dependenciesOf(service) };
  });
}

const YAML11_TRUE = /^(y|yes|true|on)$/i;
const YAML11_FALSE = /^(n|no|false|off)$/i;

function asExternal(value: unknown, where: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null) return false;
  if (isRecord(value)) return true;
  const text = String(value);
  if (YAML11_TRUE.test(text)) return true;
  if (YAML11_FALSE.test(text)) return false;
  throw new GuardError('COMPOSE_FILE', `${where}: invalid boolean "${text}"`);
}

function volumesOf(model: Record<string, unknown>, project: string, generation: ComposeGeneration): VolumeModel[] {
  const volumes = isRecord(model.volumes) ? model.volumes : {};
  const prefix = generation === 'v1' ? project.replace(/^[-_]+/, '') : project;
  return Object.entries(volumes).map(([key, def]) => {
    const decl = isRecord(def) ? def : {};
    const external = asExternal(decl.external, `volumes.${key}.external`);
    const legacyName = isRecord(decl.external) && typeof decl.external.name === 'string' ? decl.external.name : undefined;
    const explicit = typeof decl.name === 'string' && decl.name !== '' ? decl.name : legacyName;
    const name = explicit ?? (external ? key : `${prefix}_${key}`);
    return { key, name, external, explicitName: explicit !== undefined };
  });
}
