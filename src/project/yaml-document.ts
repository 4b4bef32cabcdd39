// Parsing YAML text into a document for compose files and policies, linear in the input: the
// YAML library's own duplicate-key check compares every key with every other (40,000 keys took
// seconds), so keys are checked here with one Set per mapping. What the reader cannot take in
// (nesting past its stack, alias expansion past its limit) is CannotSee: Compose may read it.
import { isScalar, Lexer, LineCounter, parseDocument, visit, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { CannotSee, GuardError, type GuardErrorCode } from '../errors.js';

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
  /** `file:line:col` for an offset in the text. */
  at(offset: number | undefined): string;
}

/** Parses `text`; syntax errors and duplicate keys throw `code` with `file:line:col`. */
export function parseYamlDocument(text: string, file: string, code: GuardErrorCode, options: YamlOptions = {}): ParsedYaml {
  tooManyAliases(text, file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...options, lineCounter: lines, prettyErrors: true, uniqueKeys: false });
  const at = (offset: number | undefined): string => {
    const pos = offset === undefined ? undefined : lines.linePos(offset);
    return pos ? `${file}:${pos.line}:${pos.col}` : file;
  };
  const error = doc.errors[0];
  if (error) {
    const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const message = `${at(error.pos[0])}: ${reason}`;
    if (/call stack/i.test(reason)) throw new CannotSee(`${message} (nested deeper than compose-guard reads)`);
    throw new GuardError(code, message);
  }
  const { duplicate, nodes, aliases } = survey(doc, options.merge === true);
  if (duplicate !== undefined) throw new GuardError(code, `${at(duplicate)}: Map keys must be unique`);
  // The YAML library finds each alias's anchor by walking the document up to it (other
  // aliases included): about aliases x (nodes + aliases) steps.
  if (aliases * (nodes + aliases) > MAX_ALIAS_STEPS) throw new CannotSee(`${file}: ${aliases} alias uses in ${nodes} nodes are more than compose-guard expands in time`);
  return { doc, lines, at };
}

/** Beyond this many steps, expanding aliases would not fit the judge's deadline. */
export const MAX_ALIAS_STEPS = 20_000_000;

/**
 * The YAML library already pays the alias walk while it composes the document (10,001 aliases
 * took half a second), so the count is bounded before that: `*` characters times the length
 * bound aliases times nodes; only when that bound is over the limit are the tokens counted
 * (linear), and a text whose alias tokens times tokens is over it is not composed at all.
 */
function tooManyAliases(text: string, file: string): void {
  let stars = 0;
  for (let i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1)) stars += 1;
  if (stars * text.length <= MAX_ALIAS_STEPS) return;
  let aliases = 0;
  let tokens = 0;
  for (const token of new Lexer().lex(text)) {
    tokens += 1;
    if (token.startsWith('*')) aliases += 1;
  }
  if (aliases * tokens > MAX_ALIAS_STEPS) throw new CannotSee(`${file}: ${aliases} alias uses in ${tokens} tokens are more than compose-guard expands in time`);
}

/** One walk: the offset of the first key that repeats one before it in its mapping, and the counts. */
export function survey(doc: Document.Parsed, merge: boolean): { duplicate?: number; nodes: number; aliases: number } {
  let found: number | undefined;
  let nodes = 0;
  let aliases = 0;
  visit(doc, {
    Node() {
      nodes += 1;
    },
    Alias() {
      aliases += 1;
    },
    Map(_, map) {
      nodes += 1;
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        // With merge keys on, `<<` may repeat (as the YAML library allows).
        if (merge && value === '<<') continue;
        const id = `${typeof value}:${String(value)}`;
        if (seen.has(id)) {
          found = pair.key.range?.[0];
          return visit.BREAK;
        }
        seen.add(id);
      }
      return undefined;
    },
  });
  return { duplicate: found, nodes, aliases };
}
