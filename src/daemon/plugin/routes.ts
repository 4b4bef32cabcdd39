// Which Engine API requests destroy volume data, read from the method and the request URI alone
// (never the body: CVE-2024-41110 let a body the plugin never saw through). The URI is read the
// way dockerd reads it: absolute-form targets, an optional /v{version} prefix, a percent-decoded
// path, and query values as Go's url.ParseQuery and httputils.BoolValue read them.

export type ApiRequest =
  | { kind: 'volume-rm'; volume: string }
  | { kind: 'volume-prune' }
  | { kind: 'container-rm-volumes'; container: string }
  /** A target that cannot be read, on a method that could delete: judged as destructive. */
  | { kind: 'unreadable'; why: string }
  | { kind: 'harmless' };

const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Go's url.ParseQuery followed by Request.FormValue: the first value of `key`, or ''. */
export function formValue(query: string, key: string): string {
  for (const pair of query.split('&')) {
    // Go 1.17+ skips pairs with a semicolon (an error it otherwise ignores).
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const k = queryUnescape(rawKey);
    const v = queryUnescape(rawValue);
    if (k === undefined || v === undefined) continue;
    if (k === key) return v;
  }
  return '';
}

function queryUnescape(text: string): string | undefined {
  return unescape(text, true);
}

/** Go's url unescaping: %XX may be any byte (not only UTF-8); a malformed escape is an error. */
export function unescape(text: string, plusIsSpace: boolean): string | undefined {
  const input = Buffer.from(text, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const b = input[i] as number;
    if (b === 0x25) {
      const hex = input.subarray(i + 1, i + 3).toString('latin1');
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(b === 0x2b && plusIsSpace ? 0x20 : b);
  }
  return Buffer.from(out).toString('utf8');
}

/** moby's httputils.BoolValue: anything but '', 0, no, false, none (trimmed, any case) is true. */
export function boolValue(value: string): boolean {
  const s = value.trim().toLowerCase();
  return !(s === '' || s === '0' || s === 'no' || s === 'false' || s === 'none');
}

/** The request-target split into a decoded, cleaned path and the raw query; undefined if unreadable. */
export function splitTarget(uri: string): { path: string; query: string } | undefined {
  let target = uri;
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?]*/.exec(target);
  if (absolute) target = target.slice(absolute[0].length) || '/';
  if (!target.startsWith('/')) return undefined;
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  const decoded = unescape(rawPath, false);
  if (decoded === undefined) return undefined;
  return { path: cleanPath(decoded), query };
}

/** gorilla/mux's cleanPath: the router redirects any other spelling rather than serve it. */
function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  const cleaned = `/${parts.join('/')}`;
  return p.endsWith('/') && cleaned !== '/' ? `${cleaned}/` : cleaned;
}

export function classifyRequest(method: string, uri: string): ApiRequest {
  const verb = method.toUpperCase();
  if (READ_ONLY.has(verb)) return { kind: 'harmless' };
  const target = splitTarget(uri);
  if (!target) return { kind: 'unreadable', why: `the request target ${JSON.stringify(uri.slice(0, 200))} cannot be read` };
  // Routes are served both with and without the /v{version:[0-9.]+} prefix.
  const route = target.path.replace(/^\/v[0-9.]+(?=\/)/, '');
  if (verb === 'DELETE' && route.startsWith('/volumes/')) return { kind: 'volume-rm', volume: route.slice('/volumes/'.length) };
  if (verb === 'POST' && route === '/volumes/prune') return { kind: 'volume-prune' };
  if (verb === 'DELETE' && route.startsWith('/containers/') && boolValue(formValue(target.query, 'v'))) {
    return { kind: 'container-rm-volumes', container: route.slice('/containers/'.length) };
  }
  return { kind: 'harmless' };
}
