// `.env` files as compose-go's dotenv parser reads them: `KEY=value`, `export KEY=value`,
// `KEY: value`, comments, single quotes literal, double quotes with escapes, `${...}` expansion.
import { interpolate, type Lookup } from './interpolate.js';

const KEY = /^[A-Za-z0-9_.\-[\]]+/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', $: '$' };

/**
 * Parses `text`; `inherit` answers bare `KEY` lines and `${...}` not defined earlier in the file.
 * `first`, when given, is asked before the file's own values: compose-go expands `${A}` from the
 * process environment even when the file set A above (Compose v1 takes the file's value).
 */
export function parseDotenv(text: string, inherit: Lookup, first?: Lookup): Map<string, string> {
  const values = new Map<string, string>();
  const lookup: Lookup = (name) => first?.(name) ?? values.get(name) ?? inherit(name);
  let rest = text.replace(/\r\n?/g, '\n');
  while (rest.length > 0) {
    rest = rest.replace(/^\s+/, '');
    if (rest.startsWith('#')) {
      rest = afterLine(rest);
      continue;
    }
    const line = rest.startsWith('export ') ? rest.slice(7).trimStart() : rest;
    const key = KEY.exec(line)?.[0];
    if (!key) {
      rest = afterLine(rest);
      continue;
    }
    let after = line.slice(key.length).replace(/^[ \t]*/, '');
    if (!after.startsWith('=') && !after.startsWith(':')) {
      const inherited = first?.(key) ?? inherit(key);
      if (inherited !== undefined) values.set(key, inherited);
      rest = afterLine(after);
      continue;
    }
    after = after.slice(1).replace(/^[ \t]*/, '');
    const [value, remaining] = readValue(after, lookup);
    values.set(key, value);
    rest = remaining;
  }
  return values;
}

function afterLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? '' : text.slice(nl + 1);
}

function readValue(text: string, lookup: Lookup): [string, string] {
  const quote = text[0];
  if (quote === "'" || quote === '"') {
    const end = closingQuote(text, quote);
    if (end > 0) {
      const body = text.slice(1, end);
      const value = quote === "'" ? body : interpolate(body.replace(/\\(.)/g, (m, ch: string) => ESCAPES[ch] ?? m), lookup);
      return [value, afterLine(text.slice(end))];
    }
  }
  const nl = text.indexOf('\n');
  const line = nl < 0 ? text : text.slice(0, nl);
  const uncommented = line.replace(/\s#.*$/, '').trimEnd();
  return [interpolate(uncommented, lookup), nl < 0 ? '' : text.slice(nl + 1)];
}

function closingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\' && quote === '"') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}
