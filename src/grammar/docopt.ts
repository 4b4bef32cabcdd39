// A token parser that behaves like docopt 0.6 as Compose v1 (1.29.2) uses it: long options may be
// abbreviated to any unique prefix (`down --vol`), bool options take no value, and any usage
// error makes Compose print its help and run nothing.
import type { FlagSet, FlagSite, FlagSpec } from './pflag.js';

export interface DocoptResult {
  values: Map<string, string[]>;
  /** Where each option was set (token index, letters of a cluster). */
  sites: Map<string, FlagSite[]>;
  positionals: string[];
  help: boolean;
  version: boolean;
  error?: string;
}

function matchLong(options: FlagSet, name: string): FlagSpec | string {
  const exact = options.find((o) => o.long === name);
  if (exact) return exact;
  const candidates = options.filter((o) => o.long.startsWith(name));
  if (candidates.length === 1) return candidates[0] as FlagSpec;
  return candidates.length === 0 ? `--${name} is not recognized` : `--${name} is not a unique prefix`;
}

/**
 * Parses tokens against `options`. With `optionsFirst`, the first positional ends the options
 * (the top level: `docker-compose [options] COMMAND [ARGS...]`).
 */
export function parseDocopt(options: FlagSet, tokens: readonly string[], optionsFirst: boolean, offset = 0): DocoptResult {
  const result: DocoptResult = { values: new Map(), sites: new Map(), positionals: [], help: false, version: false };
  let site: FlagSite = { at: 0 };
  const set = (spec: FlagSpec, value: string): void => {
    if (spec.long === 'help') result.help = true;
    if (spec.long === 'version') result.version = true;
    result.values.set(spec.long, [...(result.values.get(spec.long) ?? []), value]);
    result.sites.set(spec.long, [...(result.sites.get(spec.long) ?? []), { at: offset + site.at, ...(site.span ? { span: site.span } : {}) }]);
  };
  const all: FlagSet = [...options, { long: 'help', short: 'h', bool: true }];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (token === '--') {
      result.positionals.push(...tokens.slice(i + 1));
      break;
    }
    site = { at: i };
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
      const spec = matchLong(all, name);
      if (typeof spec === 'string') return { ...result, error: spec };
      if (spec.bool) {
        if (eq >= 0) return { ...result, error: `--${spec.long} must not have an argument` };
        set(spec, 'true');
      } else if (eq >= 0) {
        set(spec, token.slice(eq + 1));
      } else if (i + 1 < tokens.length) {
        set(spec, tokens[++i] as string);
      } else {
        return { ...result, error: `--${spec.long} requires argument` };
      }
    } else if (token.startsWith('-') && token !== '-') {
      for (let k = 1; k < token.length; k++) {
        const spec = all.find((o) => o.short === token[k]);
        if (!spec) return { ...result, error: `-${token[k]} is not recognized` };
        site = { at: i, span: [k, spec.bool ? k + 1 : token.length] };
        if (spec.bool) {
          set(spec, 'true');
          continue;
        }
        const remainder = token.slice(k + 1);
        if (remainder) set(spec, remainder);
        else if (i + 1 < tokens.length) set(spec, tokens[++i] as string);
        else return { ...result, error: `-${token[k]} requires argument` };
        break;
      }
    } else {
      if (optionsFirst) {
        result.positionals.push(...tokens.slice(i));
        break;
      }
      result.positionals.push(token);
    }
  }
  return result;
}
