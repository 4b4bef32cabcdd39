// --help text rendered from the command table.
import { describe, expect, it } from 'vitest';
import { commandHelp, groupHelp, mainHelp, optionHelp, optionLabel, PROGRAM, usageLine, visibleCommands, wrap } from '../../../src/cli/spec/help.js';
import { ALL_COMMANDS } from '../../../src/cli/spec/commands.js';
import { EXIT_STATUSES } from '../../../src/cli/exit-codes.js';
import type { CommandSpec } from '../../../src/cli/spec/types.js';

const spec: CommandSpec = {
  name: 'demo', summary: 'show a demo', synopsis: '[-n N] FILE',
  description: 'A long description that goes on and on well past the eighty columns of a terminal so that it has to be wrapped somewhere.',
  options: [
    { long: 'lines', short: 'n', kind: 'integer', value: 'N', help: 'how many' },
    { long: 'mode', kind: 'string', choices: ['a', 'b'], help: 'which mode' },
    { long: 'json', kind: 'flag', help: 'as JSON' },
  ],
};

describe('pieces', () => {
  it('labels options with their value names', () => {
    expect(spec.options.map(optionLabel)).toEqual(['-n, --lines N', '    --mode VALUE', '    --json']);
  });

  it('lists the values a choice accepts', () => {
    expect(optionHelp(spec.options[1]!)).toBe('which mode: a, b');
    expect(optionHelp(spec.options[0]!)).toBe('how many');
  });

  it('writes the usage line', () => {
    expect(usageLine(spec)).toBe(`usage: ${PROGRAM} demo [-n N] FILE`);
    expect(usageLine({ ...spec, synopsis: '' })).toBe(`usage: ${PROGRAM} demo`);
  });
});

describe('wrap', () => {
  it('breaks between words at the width, never inside one', () => {
    const text = 'aaa bbb ccc ddd';
    expect(wrap(text, 7)).toBe('aaa bbb\nccc ddd');
    expect(wrap('averyveryverylongword short', 5)).toBe('averyveryverylongword\nshort');
    expect(wrap('  spaced   out  ', 80)).toBe('spaced out');
  });

  it('keeps every word, in order, and no line longer than the width unless one word is', () => {
    const words = Array.from({ length: 50 }, (_, i) => 'w'.repeat((i % 9) + 1));
    const out = wrap(words.join(' '), 30);
    expect(out.split(/\s+/)).toEqual(words);
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(30);
  });
});

describe('commandHelp', () => {
  it('holds the usage, the summary as a sentence, the wrapped description and every option with --help', () => {
    const text = commandHelp(spec);
    expect(text.startsWith(`usage: ${PROGRAM} demo [-n N] FILE\n\nShow a demo.\n\nA long description`)).toBe(true);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).toMatch(/^ {2}-n, --lines N {2,}how many$/m);
    expect(text).toMatch(/^ {2}-h, --help {2,}show this help$/m);
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('the command list', () => {
  it('shows the visible commands, never the hidden ones', () => {
    const names = visibleCommands().map((c) => c.name);
    expect(names).toContain('check');
    expect(names).not.toContain('shim');
    expect(names.some((n) => n.startsWith('__'))).toBe(false);
    expect(visibleCommands('policy ').map((c) => c.name)).toEqual(['policy show', 'policy validate']);
  });

  it('main help lists every visible command and every exit status', () => {
    const text = mainHelp();
    for (const c of visibleCommands()) expect(text).toContain(`  ${c.name}`);
    for (const hidden of ALL_COMMANDS.filter((c) => c.hidden)) expect(text).not.toMatch(new RegExp(`^ {2}${hidden.name} `, 'm'));
    for (const e of EXIT_STATUSES) expect(text).toContain(e.status);
  });

  it('group help lists the group\'s commands by their last word', () => {
    const text = groupHelp('policy');
    expect(text).toMatch(/^usage: compose-guard policy <command>$/m);
    expect(text).toMatch(/^ {2}show {2,}/m);
    expect(text).toMatch(/^ {2}validate {2,}/m);
  });
});
