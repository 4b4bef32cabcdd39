// `compose-guard check [--json] -- TOOL ARGS…`: the judgement without running anything, asking
// anyone, using a permission or writing the audit. Exits as the shim would: 0 go, 77 stop (a
// command that would need a confirmation counts as stopped here).
import { colorEnabled, type CliIo } from '../io.js';
import { EXIT_GO, EXIT_STOPPED } from '../exit-codes.js';
import { colorsFor, renderNote, renderStop, toJson } from '../report.js';
import type { ParsedArgs } from '../spec/types.js';
import { judgeCommand, toolCommand } from './judge-command.js';

export async function checkCommand(io: CliIo, args: ParsedArgs): Promise<number> {
  const { tool, argv } = toolCommand(args.command);
  const j = await judgeCommand(io, tool, argv, { interactive: io.prompter.available(), remember: false });
  const colors = colorsFor(colorEnabled(io));
  if (args.values.json) io.stdout(`${JSON.stringify(toJson(j), null, 2)}\n`);
  else if (j.decision.verdict !== 'allow') io.stderr(j.decision.verdict === 'confirm' ? `compose-guard: would ask for confirmation\n${renderStop(j, colors)}` : renderStop(j, colors));
  else if (j.decision.destructive) io.stderr(renderNote(j, colors));
  else io.stderr(`compose-guard: goes ahead (${j.decision.reasons[0] ?? 'destroys no volume data'})\n`);
  return j.decision.verdict === 'allow' ? EXIT_GO : EXIT_STOPPED;
}
