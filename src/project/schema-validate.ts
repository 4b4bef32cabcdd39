// Validates each compose file, after interpolation, against the compose-spec schema the Compose
// version ships (compiled at build time; the judge starts no validator). A file that fails fails
// to load, as it does in Compose: `validating FILE: PATH REASON`.
import { GuardError } from '../errors.js';
import type { SchemaName } from './compose-rules.js';
import type { SchemaError, Validate } from './schema-types.js';
import { Directive, isRecord } from './yaml.js';

export type Validators = Partial<Record<SchemaName, Validate>>;

const loaders: Record<SchemaName, () => Promise<Validate>> = {
  '2.26.1': () => import('./generated/compose-spec-2_26_1.js').then((m) => m.validate),
  '2.40.3': () => import('./generated/compose-spec-2_40_3.js').then((m) => m.validate),
};
const loaded = new Map<SchemaName, Promise<Validate>>();

/** The compiled validators of these schemas, each loaded once and only when a project is read. */
export async function loadValidators(schemas: readonly SchemaName[] = ['2.26.1', '2.40.3']): Promise<Validators> {
  const entries = await Promise.all([...new Set(schemas)].map(async (name) => {
    if (!loaded.has(name)) loaded.set(name, loaders[name]());
    return [name, await loaded.get(name)] as const;
  }));
  return Object.fromEntries(entries);
}

/** What the schema sees: `!reset` drops the value, `!override` keeps it. */
function withoutDirectives(value: unknown): unknown {
  if (value instanceof Directive) return value.kind === 'reset' ? undefined : withoutDirectives(value.value);
  if (Array.isArray(value)) return value.map(withoutDirectives).filter((v) => v !== undefined);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = withoutDirectives(v);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return value;
}

function describe(error: SchemaError): string {
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : '(root)';
  const extra = error.params.additionalProperty;
  return typeof extra === 'string' ? `${where} additional property ${extra} is not allowed` : `${where} ${error.message ?? error.keyword}`;
}

export function validateComposeFile(tree: unknown, file: string, schema: SchemaName, validators: Validators): void {
  const validate = validators[schema];
  if (!validate) throw new Error(`the ${schema} compose-spec validator was not loaded`);
  if (validate(withoutDirectives(tree))) return;
  const first = validate.errors?.[0];
  throw new GuardError('COMPOSE_FILE', `validating ${file}: ${first ? describe(first) : 'does not match the compose-spec schema'} (Compose ${schema}'s schema)`);
}
