// Which service mounts name a top-level volume (compose-go format/volume.go ParseVolume).
import { isRecord } from './yaml.js';

export interface Mount {
  type: 'volume' | 'bind' | 'other';
  /** The top-level volume key for a named volume; undefined for an anonymous one. */
  source?: string;
  target?: string;
}

/**
 * A letter as Go's unicode.IsLetter sees it. ASCII is answered at once: the Unicode property
 * class is costly to compile, and a judged command should pay for it only on a non-ASCII name.
 */
function isLetter(char: string): boolean {
  return /^[A-Za-z]$/.test(char) || (char.charCodeAt(0) > 0x7f && /^\p{L}$/u.test(char));
}

/** Splits `SRC:DST[:MODE]`; a lone letter before `:` is a Windows drive, not a field. */
function splitShort(spec: string): string[] {
  const fields: string[] = [];
  let buffer = '';
  for (const char of spec) {
    if (char === ':' && buffer.length === 1 && isLetter(buffer)) buffer += char;
    else if (char === ':') {
      fields.push(buffer);
      buffer = '';
    } else buffer += char;
  }
  fields.push(buffer);
  return fields;
}

/** A bind source: a path, or a Windows drive (a letter and `:`). */
function isPath(source: string): boolean {
  if (/^[./~\\]/.test(source)) return true;
  const first = String.fromCodePoint(source.codePointAt(0) ?? 0);
  return source.startsWith(':', first.length) && isLetter(first);
}

export function parseMount(entry: unknown): Mount {
  if (typeof entry === 'string') {
    const fields = splitShort(entry);
    if (fields.length === 1) return { type: 'volume', target: fields[0] };
    const [source, target] = fields as [string, string];
    if (source === '') return { type: 'volume', target };
    return isPath(source) ? { type: 'bind', source, target } : { type: 'volume', source, target };
  }
  if (isRecord(entry)) {
    const target = typeof entry.target === 'string' ? entry.target : undefined;
    const source = typeof entry.source === 'string' && entry.source !== '' ? entry.source : undefined;
    if (entry.type === 'volume') return { type: 'volume', source, target };
    return { type: entry.type === 'bind' ? 'bind' : 'other', source, target };
  }
  return { type: 'other' };
}

export function mountTarget(entry: unknown): string | undefined {
  return parseMount(entry).target;
}
