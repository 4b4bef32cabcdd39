// compose-guard's commands, declared once. Adding a command: an entry here and its handler in
// src/cli/router.ts (the type there insists on one handler per entry).
import { DEFAULT_MINUTES, MAX_MINUTES } from '../../policy/permits.js';
import type { CommandSpec } from './types.js';

const TOOL_COMMAND = '-- <docker|docker-compose> [ARGS...]';

export const COMMANDS = [
  {
    name: 'check',
    summary: 'judge a command line without running it (exit 0: it would go ahead, 77: stopped)',
    synopsis: `[--json] ${TOOL_COMMAND}`,
    description: 'Reads the command line as Docker and Compose would, names the volumes it would destroy and applies the policy. Runs nothing, asks no one, uses no permit and writes nothing.',
    options: [{ long: 'json', kind: 'flag', help: 'print the judgement as one JSON object on stdout' }],
    command: 'required',
  },
  {
    name: 'allow-once',
    summary: 'let exactly this command through once, granted at a terminal and recorded',
    synopsis: `--reason TEXT [--minutes N] ${TOOL_COMMAND} | --list [--json] | --revoke ID`,
    description: 'Needs a person at a terminal (/dev/tty) who types the project name. The permit is bound to this host, the daemon addressed, the project, the working directory and the exact command line, and is used once. A block set by the host policy can be lifted only by root (sudo compose-guard allow-once ...), for a command root then runs.',
    options: [
      { long: 'reason', kind: 'string', value: 'TEXT', help: 'why this data may go (recorded)' },
      { long: 'minutes', kind: 'integer', value: 'N', min: 1, max: MAX_MINUTES, help: `how long the permit lasts, 1 to ${MAX_MINUTES} (default ${DEFAULT_MINUTES})` },
      { long: 'no-snapshot', kind: 'flag', help: 'skip the snapshot the policy takes before the destroy (taken by default on production); recorded' },
      { long: 'list', kind: 'flag', help: 'list your permits' },
      { long: 'revoke', kind: 'string', value: 'ID', help: 'withdraw a permit' },
      { long: 'json', kind: 'flag', help: 'with --list: one JSON object per line' },
    ],
    command: 'optional',
  },
  {
    name: 'audit',
    summary: 'recent judged commands',
    synopsis: '[-n N] [--since WHEN] [--decision D] [--project NAME] [--json]',
    description: 'Reads the JSON-lines audit log of this host (the policy\'s audit file and your own). WHEN is a date and time (2026-11-24, 2026-11-24T12:00:00Z) or an age such as 30m, 2h, 7d.',
    options: [
      { long: 'lines', short: 'n', kind: 'integer', value: 'N', min: 1, max: 1_000_000, help: 'how many entries, newest last (default 20)' },
      { long: 'since', kind: 'string', value: 'WHEN', help: 'only entries at or after WHEN' },
      { long: 'decision', kind: 'string', value: 'D', choices: ['allow', 'block', 'confirm', 'allow-once issued'], help: 'only entries with this decision' },
      { long: 'project', kind: 'string', value: 'NAME', help: 'only entries for this Compose project' },
      { long: 'json', kind: 'flag', help: 'print the entries as JSON lines' },
    ],
  },
  {
    name: 'doctor',
    summary: 'is every route to docker on this host guarded, and by what policy',
    synopsis: '[--json]',
    description: 'Asks each route in its own environment which docker and docker-compose it reaches: the login shells of root and of the invoking user, sudo (its secure_path), cron (PATH=/usr/bin:/bin), systemd units, ssh, env -i, and /usr/bin/docker by path. Shows whether the daemon-side backstop is active, the policy files in effect and what down -v would get here now. Every problem comes with a fix for this host; exit status 1 when there is one. Run it as root (sudo) to check every route.',
    options: [{ long: 'json', kind: 'flag', help: 'print the report as one JSON object' }],
  },
  {
    name: 'install',
    summary: 'place the shims: for every user and route (--system), or for one user',
    synopsis: '[--system | --prefix DIR] [--uninstall [--purge]]',
    description: 'Runs the install.sh of this installation (npm package, .deb or install tree). Without options: the shims for you in ~/.local/bin. --system (as root): dpkg-divert /usr/bin/docker and /usr/bin/docker-compose and put the shims there, so login shells, sudo, cron, systemd, ssh and callers by absolute path are guarded. --uninstall restores what was there and says what it keeps (policies, audit, snapshots); --purge removes those too.',
    options: [
      { long: 'system', kind: 'flag', help: 'for every user and every route of this host (as root)' },
      { long: 'prefix', kind: 'string', value: 'DIR', help: 'install into DIR/bin and DIR/lib (default ~/.local)' },
      { long: 'uninstall', kind: 'flag', help: 'remove what install placed, restoring diverted programs' },
      { long: 'purge', kind: 'flag', help: 'with --uninstall: remove policies, audit and snapshots too' },
    ],
  },
  {
    name: 'daemon',
    summary: 'run the Docker authorization plugin that refuses volume deletion for every client',
    synopsis: '',
    description: 'Serves the plugin "compose-guard" on /run/docker/plugins/compose-guard.sock (COMPOSE_GUARD_PLUGIN_SOCKET; the socket\'s name is the plugin\'s) until SIGTERM or SIGINT. dockerd started with --authorization-plugin=compose-guard asks it before every API request. On a host whose policy tags say so it refuses DELETE /volumes/{name}, POST /volumes/prune and DELETE /containers/{id}?v=1 of a container with anonymous volumes, unless the judge granted exactly those volumes a moment ago; everything else is allowed at once. Grants arrive on /run/compose-guard/grants.sock (COMPOSE_GUARD_GRANT_SOCKET), open to root and the docker group (COMPOSE_GUARD_GRANT_GROUP). DOCKER_HOST names the engine it guards (default unix:///var/run/docker.sock). The policy files are the judge\'s.',
    options: [],
  },
  {
    name: 'snapshot',
    summary: 'snapshot the volumes a command would destroy (default: docker compose down -v, here)',
    synopsis: `[${TOOL_COMMAND}]`,
    description: 'Copies every existing volume the command would destroy into the store the policy names (snapshots: dir or repository), pausing the containers that write to it; runs nothing and destroys nothing. For cron and deploy scripts. Prints the snapshot id on stdout.',
    options: [],
    command: 'optional',
  },
  {
    name: 'snapshots',
    summary: 'the snapshots in the store, newest first',
    synopsis: '[--project NAME] [--json]',
    options: [
      { long: 'project', short: 'p', kind: 'string', value: 'NAME', help: 'only snapshots of this Compose project' },
      { long: 'json', kind: 'flag', help: 'an array, newest first: id, project, time, volumes, bytes, verified, lastVerification' },
    ],
  },
  {
    name: 'restore',
    summary: 'verify a snapshot, re-create its volumes and write them back',
    synopsis: 'SNAPSHOT [--volume NAME] [--force]',
    description: 'Checks each volume\'s sha256 before writing anything, re-creates the volume with its driver, options and labels (Compose adopts it on the next up), refuses a volume that holds data unless --force (never one a container uses), writes through the engine and checks files and bytes against the manifest. SNAPSHOT is an id or a unique start of one.',
    options: [
      { long: 'volume', kind: 'string', value: 'NAME', help: 'only this volume of the snapshot' },
      { long: 'force', kind: 'flag', help: 'replace a volume that holds data' },
    ],
    operands: { name: 'SNAPSHOT', min: 1, max: 1 },
  },
  {
    name: 'verify',
    summary: 'read stored snapshots back and check them against their manifests (exit 1: one does not verify)',
    synopsis: '[SNAPSHOT...] [--project NAME] [--minutes N] [--json]',
    description: 'Without SNAPSHOT: every snapshot in the store the policy names. Each volume\'s stored copy is read back, through the folder store or the restic repository alike, and its sha256, files and bytes compared with the manifest; the folder store also checks each file\'s size as written. A restic repository is then checked whole with restic check --read-data, which reads every pack back. One line per snapshot, and one for the repository. SNAPSHOT is an id or a unique start of one.',
    options: [
      { long: 'project', short: 'p', kind: 'string', value: 'NAME', help: 'only snapshots of this Compose project' },
      { long: 'minutes', kind: 'integer', value: 'N', min: 1, max: 10_080, help: 'the whole verification ends within N minutes, unverified if not done (default 60)' },
      { long: 'json', kind: 'flag', help: 'print the result as one JSON object' },
    ],
    operands: { name: 'SNAPSHOT', min: 0, max: Infinity },
  },
  {
    name: 'status',
    summary: 'this project\'s volumes, their newest snapshots and its data checks (exit 1: something is missing)',
    synopsis: `[--json] [${TOOL_COMMAND}]`,
    description: 'For the project here, resolved as the judge resolves docker compose down -v: each volume with its engine name, whether it exists, the containers using it, its size, whether it is empty and the age of its newest snapshot; services whose image declares a VOLUME no named volume covers; and the checks: of .compose-guard.yaml, run in the services. Exit 1 when a volume is missing, empty while its newest snapshot is not, or a check fails.',
    options: [{ long: 'json', kind: 'flag', help: 'print the status as one JSON object' }],
    command: 'optional',
  },
  {
    name: 'policy show',
    summary: 'the effective policy for this host and directory, with where each value comes from',
    synopsis: '[--json]',
    options: [{ long: 'json', kind: 'flag', help: 'print it as one JSON object' }],
  },
  {
    name: 'policy validate',
    summary: 'check policy files without using them',
    synopsis: '[FILE...]',
    description: 'Without FILE: every policy file that applies here.',
    options: [],
    operands: { name: 'FILE', min: 0, max: Infinity, files: true },
  },
  {
    name: 'version',
    summary: 'print the version',
    synopsis: '',
    options: [],
  },
  {
    name: 'help',
    summary: 'show the help of a command',
    synopsis: '[COMMAND...]',
    options: [],
    operands: { name: 'COMMAND', min: 0, max: 2 },
  },
  {
    name: 'shim',
    summary: 'judge a command for a shim (internal)',
    synopsis: '<docker|docker-compose> REAL -- [ARGS...]',
    options: [],
    hidden: true,
    raw: true,
  },
  {
    name: '__warm-up',
    summary: 'fill the code cache (internal)',
    synopsis: '',
    options: [],
    hidden: true,
  },
  {
    name: '__generate',
    summary: 'print the man page or a shell completion (internal, used by install.sh)',
    synopsis: '<man|bash|zsh>',
    options: [],
    operands: { name: 'WHAT', min: 1, max: 1 },
    hidden: true,
  },
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof COMMANDS)[number]['name'];

export const ALL_COMMANDS: readonly CommandSpec[] = COMMANDS;

/** The words that start a group of commands (`policy`). */
export function groups(): string[] {
  return [...new Set(ALL_COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0] as string))];
}
