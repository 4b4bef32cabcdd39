// `compose-guard __generate man|bash|zsh` prints what install.sh writes under PREFIX/share, and
// refuses anything else as a usage error (status 2 at the entry).
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/spec/parse.js';
import { generateCommand } from '../../src/tools/generate.js';
import { testIo } from '../helpers/cli-io.js';

async function generate(what: string[]) {
  const { io, captured } = testIo({ argv: [], cwd: '/' });
  const status = await generateCommand(io, what, '1.2.3');
  return { status, ...captured };
}

describe('generateCommand', () => {
  it.each([
    ['man', /^\.TH COMPOSE\\-GUARD 1 "" "compose-guard 1\.2\.3"/],
    ['bash', /^# bash completion for compose-guard[\s\S]*complete -o default -F _compose_guard compose-guard\n$/],
    ['zsh', /^#compdef compose-guard\n[\s\S]*_compose_guard "\$@"\n$/],
  ])('%s: prints it on stdout, status 0', async (what, shape) => {
    const out = await generate([what]);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(shape);
    expect(out.stderr).toBe('');
  });

  it.each([[['html']], [[]]])('refuses %j as a usage error', async (what) => {
    await expect(generate(what)).rejects.toBeInstanceOf(UsageError);
    await expect(generate(what)).rejects.toThrow('__generate takes man, bash or zsh');
  });
});
