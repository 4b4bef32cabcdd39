// Compose's `${...}` interpolation (compose-go template/template.go): `$$`, `$V`, `${V}`,
// `${V:-d}`, `${V-d}`, `${V:+a}`, `${V+a}`, `${V:?e}`, `${V?e}`, nested in the argument text.
import { GuardError } from '../errors.js';

export type Lookup = (name: string) => string | undefined;

export interface InterpolationOptions {
  /** Compose v1 has no `:+` / `+` operators. */
  alternates?: boolean;
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

export function interpolate(text: string, lookup: Lookup, options: InterpolationOptions = {}): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const close = matchingBrace(text, i + 2);
      if (close < 0) throw invalid(text);
      out += braced(text.slice(i + 2, close), text, lookup, options);
      i = close + 1;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (name) {
        out += lookup(name) ?? '';
        i += 1 + name.length;
      } else {
        out += '$';
        i++;
      }
    }
  }
  return out;
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function braced(inner: string, whole: string, lookup: Lookup, options: InterpolationOptions): string {
  const name = NAME.exec(inner)?.[0];
  if (!name) throw invalid(whole);
  const rest = inner.slice(name.length);
  const value = lookup(name);
  const arg = (skip: number): string => interpolate(rest.slice(skip), lookup, options);
  if (rest === '') return value ?? '';
  if (rest.startsWith(':-')) return value ? value : arg(2);
  if (rest.startsWith(':?')) {
    if (value) return value;
    throw new GuardError('INTERPOLATION', `required variable ${name} is missing a value: ${arg(2)}`);
  }
  if (rest.startsWith(':+') && options.alternates !== false) return value ? arg(2) : '';
  if (rest.startsWith('-')) return value ?? arg(1);
  if (rest.startsWith('?')) {
    if (value !== undefined) return value;
    throw new GuardError('INTERPOLATION', `required variable ${name} is missing a value: ${arg(1)}`);
  }
  if (rest.startsWith('+') && options.alternates !== false) return value !== undefined ? arg(1) : '';
  throw invalid(whole);
}

function invalid(text: string): GuardError {
  return new GuardError('INTERPOLATION', `invalid interpolation format for "${text}"`);
}
