// What an operator can run instead of a stopped command: the same command without what destroys
// volume data, or a command that deletes nothing. Read from the parsed command, never from the
// stop message.
import { quote } from 'shell-quote';
import type { CommandAnalysis } from './command.js';

/** The options that make a compose command destroy or re-create volumes. */
const DESTROYING = [/^(-v|--volumes?)(=.*)?$/, /^(-V|--renew-anon-volumes|-y|--y|--yes)(=.*)?$/];

/** Command lines that keep the volumes, each with a short note on what it does. */
export function safeAlternatives(analysis: CommandAnalysis): Array<{ command: string; note: string }> {
  if (!analysis.compose) return [{ command: 'docker volume ls', note: 'lists the volumes, deletes nothing' }];
  const argv = analysis.argv.filter((t) => !DESTROYING.some((re) => re.test(t)));
  const prefix = [analysis.tool, ...(analysis.tool === 'docker' ? ['compose'] : [])];
  return [
    { command: quote([analysis.tool, ...argv]), note: 'keeps the volumes' },
    { command: quote([...prefix, 'restart']), note: 'restarts the services, keeps everything' },
  ];
}
