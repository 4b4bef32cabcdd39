// The README's exit statuses come from the table the code uses. (The man page and the shell
// completions, also made from the tables, are tested with their sources in test/tools.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitStatusMarkdown } from '../../../src/cli/exit-codes.js';
import { repoRoot } from '../../helpers/install.js';

describe('exit statuses', () => {
  it('the README shows the table the code uses', () => {
    expect(readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toContain(exitStatusMarkdown());
  });
});
