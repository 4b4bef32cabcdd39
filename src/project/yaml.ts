// Reads one compose file's YAML the way compose-go does: YAML 1.1 merge keys, `!reset` and
// `!override` tags, interpolation of every string value (never of mapping keys).
import { type ScalarTag, type CollectionTag, type YAMLError, YAMLMap, YAMLSeq } from 'yaml';
import { CannotSee, GuardError } from '../errors.js';
import { parseYamlDocument } from './yaml-document.js';
import { interpolate, type InterpolationOptions, type Lookup } from './interpolate.js';
import type { ProjectFs } from '../host.js';

/** A value carrying a merge directive for the files that follow. */
export class Directive {
  constructor(
    readonly kind: 'reset' | 'override',
    readonly value: unknown,
  ) {}
}

function directiveTags(kind: 'reset' | 'override'): Array<ScalarTag | CollectionTag> {
  const tag = `!${kind}`;
  return [
    { tag, resolve: (s: string) => new Directive(kind, s) },
    { tag, collection: 'map', nodeClass: YAMLMap, resolve: (m: YAMLMap) => new Directive(kind, m.toJSON()) } as CollectionTag,
    { tag, collection: 'seq', nodeClass: YAMLSeq, resolve: (s: YAMLSeq) => new Directive(kind, s.toJSON()) } as CollectionTag,
  ];
}

const CUSTOM_TAGS = [...directiveTags('reset'), ...directiveTags('override')];

/** Parses YAML text; errors carry `file:line:col`. */
export function parseComposeYaml(text: string, file: string): unknown {
  const { doc } = parseYamlDocument(text, file, 'COMPOSE_FILE', { merge: true, customTags: CUSTOM_TAGS });
  try {
    return doc.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    // Alias expansion past the limit, or nesting past the stack: Compose may still read it.
    throw new CannotSee(`${file}: ${error instanceof Error ? error.message : String(error)} (compose-guard does not expand it)`, { cause: error });
  }
}

/** One line: `file:line:col: reason` (parse with `prettyErrors` so the position is known). */
export function describeYamlError(error: YAMLError, file: string): string {
  const pos = error.linePos?.[0];
  const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  return `${pos ? `${file}:${pos.line}:${pos.col}` : file}: ${reason}`;
}

/** Interpolates every string value (not keys), keeping directives around their values. */
export function interpolateTree(value: unknown, lookup: Lookup, options: InterpolationOptions, path = ''): unknown {
  if (typeof value === 'string') {
    try {
      return interpolate(value, lookup, options);
    } catch (error) {
      if (error instanceof GuardError) throw new GuardError(error.code, `${path}: ${error.message}`, { cause: error });
      throw error;
    }
  }
  if (value instanceof Directive) return new Directive(value.kind, interpolateTree(value.value, lookup, options, path));
  if (Array.isArray(value)) return value.map((v, i) => interpolateTree(v, lookup, options, `${path}[${i}]`));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateTree(v, lookup, options, path ? `${path}.${k}` : k);
    return out;
  }
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Directive);
}

/** Reads and parses one compose file; an empty file is an empty mapping. */
export function readYaml(file: string, fs: ProjectFs): unknown {
  const text = fs.read(file);
  if (text === undefined) throw new GuardError('COMPOSE_FILE', `open ${file}: no such file or directory`);
  const raw = parseComposeYaml(text, file);
  if (raw !== null && raw !== undefined && !isRecord(raw)) throw new GuardError('COMPOSE_FILE', `${file}: top-level object must be a mapping`);
  return raw ?? {};
}
