// `compose-guard __generate man|bash|zsh`: what install.sh writes under PREFIX/share.
import type { CliIo } from '../cli/io.js';
import { EXIT_GO } from '../cli/exit-codes.js';
import { UsageError } from '../cli/spec/parse.js';
import { bashCompletion, zshCompletion } from './completion.js';
import { manPage } from './man-page.js';

export async function generateCommand(io: CliIo, operands: string[], version: string): Promise<number> {
  const what = operands[0];
  if (what === 'man') io.stdout(manPage(version));
  else if (what === 'bash') io.stdout(bashCompletion());
  else if (what === 'zsh') io.stdout(zshCompletion());
  else throw new UsageError(`__generate takes man, bash or zsh (not "${what}")`);
  return EXIT_GO;
}
