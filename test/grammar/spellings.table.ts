// Every spelling a reader of the real tools might try, one row each, with what the real tool does
// with it: `destroys` (the volume is gone), `harmless` (accepted, nothing deleted) or `refused`
// (an error or Compose v1's usage text, nothing deleted). test/e2e/spellings.test.ts runs every
// row against the real binaries (docker 28.2.2, Compose v2 2.26.1 plugin and standalone, v1 1.29.2,
// a wrapper script) in a throwaway project `cgrow`; test/grammar/spellings.test.ts checks the grammar.
//
// `judged` is what compose-guard must make of a refused row (a doubt on a line that holds a
// destroying operation is judged; a refusal proven by Docker's own rules is not).

/** docker: `docker ARGV`; v2s: Compose v2 run as docker-compose; v1: Compose 1.29.2; wrap: a script running `docker compose "$@"`. */
export type Reader = 'docker' | 'v2s' | 'v1' | 'wrap';
export type Label = 'destroys' | 'harmless' | 'refused';
/**
 * What the row needs on the engine: a project volume, one whose Compose config hash is stale
 * (`up -y` re-creates it), a pruneable volume, a container with an anonymous volume, Compose-made containers.
 */
export type Setup = 'project' | 'stale' | 'prune' | 'container' | 'compose-containers';

export interface SpellingRow {
  reader: Reader;
  argv: string;
  label: Label;
  judged?: boolean;
  setup?: Setup;
  /** config.json for the docker CLI, found through DOCKER_CONFIG ({CFG} in argv: through --config). */
  config?: string;
  /** The Compose v2 plugin version the row is confirmed with (default 2.26.1). */
  compose?: '2.40.3';
}

const BUILDER_COMPOSE = '{"aliases":{"builder":"compose"}}';

const rows = (reader: Reader, label: Label, argvs: string[], extra: Partial<SpellingRow> = {}): SpellingRow[] =>
  argvs.map((argv) => ({ reader, argv, label, ...extra }));

export const SPELLINGS: SpellingRow[] = [
  // pflag skips `-test.…` from any point of a short cluster, at the docker root, the compose root and the subcommand.
  ...rows('docker', 'destroys', [
    'compose down -v', 'compose -test.v down -v', 'compose down -v -test.x', 'compose down -test.x -v', '-test.x compose down -v',
    'compose down -vtest.x', 'compose down -test.v=false -v', 'compose -test. down -v', '-test.v -D compose -test.x down -test.y -v',
    'compose -vtest.v down -v', 'compose down -test.timeout=1 --volumes',
  ]),
  ...rows('docker', 'harmless', ['compose -test.v down', 'compose down -test.v', 'compose down --volumes=false -test.x', '-test.v compose down']),
  ...rows('docker', 'refused', ['compose down -test -v', 'compose down -tes.t -v'], { judged: false }),
  ...rows('docker', 'refused', ['compose -test down -v', 'compose -t.est down -v'], { judged: true }),
  // Go's strconv.ParseInt(s, 0, 64) for int flags: prefixes, underscores, signs.
  ...rows('docker', 'destroys', [
    'compose down -t 1_0 -v', 'compose --parallel 1_0 down -v', 'compose down -t 0x_1 -v', 'compose down -t 0_7 -v',
    'compose down -t 0b_1 -v', 'compose down -t 0o17 -v', 'compose down -t -1_000 -v', 'compose down -t +0X1f -v',
    'compose --parallel=0x_2 down -v', 'compose down -t 00 -v', 'compose down -t 0o_7 -v',
    'compose down --timeout=0x1 --volumes', 'compose down -t0B1 -v', 'compose down -vt 1_2_3',
  ]),
  ...rows('docker', 'harmless', ['compose down -t 1_0', 'compose --parallel 0x_1 down']),
  ...rows('docker', 'refused', [
    'compose down -t 08 -v', 'compose down -t 1__0 -v', 'compose down -t _1 -v', 'compose down -t 1_ -v', 'compose down -t 0x -v',
    'compose down -t 0b2 -v', 'compose --parallel 1e3 down -v', 'compose down -t 9223372036854775808 -v', 'compose down -t 0x_ -v',
    'compose down -t 1.5 -v', 'compose down -tv', 'compose down -t= -v', 'compose --parallel -1 down -v',
  ], { judged: false }),
  // cobra's help flag is a bool: --help=false and -h=0 mean "not help".
  ...rows('docker', 'destroys', [
    'compose --help=false down -v', 'compose down -v --help=false', 'compose down -v -h=0', 'compose down --help=f -v',
    'compose --help=0 down -v', 'compose -h=false down -v', '--help=false compose down -v', '-h=0 compose down -v',
    'compose down -v --help --help=false', 'compose down -vh=F',
  ]),
  ...rows('docker', 'harmless', [
    'compose --help down -v', 'compose down -v --help', 'compose down -v --help=true', 'compose down -v -h=1',
    'compose down -v --help=false --help', 'compose -h down -v', 'compose down -hv', '--help compose down -v', '-h compose down -v',
    'compose down -vh', '--help=1 compose down -v',
  ]),
  ...rows('docker', 'refused', ['compose down -v --help=yes', 'compose --help=yes down -v', 'compose down -v -h=2', '--help=on compose down -v'], { judged: false }),
  // Other spellings of down -v through the plugin.
  ...rows('docker', 'destroys', [
    'compose down --volumes=t', 'compose down --volumes=TRUE', 'compose down -v=1', 'compose down --volume', 'compose -f compose.yaml down -v',
    'compose --project-directory . down -v', 'compose -p cgrow down -v', 'compose --profile x down -v', 'compose --dry-run=false down -v',
    'compose --dry-run down -v --dry-run=0', 'compose --ansi never down -v', 'compose --progress plain down -v', 'compose --compatibility down -v',
    'compose -v down -v', 'compose --verbose down -v', 'compose down -v --remove-orphans', 'compose down -v app', '--log-level=error compose down -v',
    '-l error compose down -v', '-D compose down -v', '--debug=true compose down -v', 'compose -- --dry-run down -v', '-- compose down -v',
  ]),
  ...rows('docker', 'harmless', [
    'compose -v down', 'compose --dry-run down -v -test.x', 'compose down -v --dry-run=1', 'compose down --volumes=0', 'compose -p down -v',
    'compose config --volumes', 'compose ps',
  ]),
  ...rows('docker', 'refused', ['compose down -- -v', 'compose down --volumes=yes', 'compose down --rmi -v', 'compose -- down -v', '-v compose down -v'], { judged: false }),
  ...rows('docker', 'refused', [
    'compose --bogus down -v', 'compose down --vol', 'compose down -v -p x', '--bogus compose down -v', 'compose --context default down -v',
    'compose down --purge -v', 'compose -x down -v',
  ], { judged: true }),
  // docker's own commands.
  ...rows('docker', 'destroys', [
    'volume rm cgrow_data', '-test.x volume rm cgrow_data', 'volume -test.x rm cgrow_data', 'volume rm -test.x cgrow_data', 'volume rm --help=false cgrow_data',
    'volume rm -h=0 cgrow_data', 'volume rm -f=1 cgrow_data', 'volume remove cgrow_data', 'volume rm cgrow_data -test.v', '--help=false volume rm cgrow_data',
    'volume rm -ftest.x cgrow_data',
  ]),
  ...rows('docker', 'harmless', ['volume rm --help cgrow_data', 'volume rm cgrow_data -h', 'volume ls', 'volume rm -fh cgrow_data']),
  ...rows('docker', 'refused', ['volume rm', 'volume rm --help=yes cgrow_data'], { judged: false }),
  ...rows('docker', 'refused', ['volume rm --bogus cgrow_data', 'volume rm -test cgrow_data'], { judged: true }),
  ...rows('docker', 'destroys', [
    'volume prune -f --filter label=cgrow.row', 'volume prune -f --filter=label=cgrow.row --help=0', 'volume prune -f -test.v --filter label=cgrow.row',
    'system prune -f --volumes --filter label=cgrow.row --help=0', 'system prune -f --volumes=true --filter label=cgrow.row', '-test.x system prune -ftest.y --volumes --filter label=cgrow.row',
  ], { setup: 'prune' }),
  ...rows('docker', 'harmless', ['system prune -f --filter label=cgrow.row', 'system prune -f --volumes=false --filter label=cgrow.row', 'volume prune --help', 'volume prune -f --filter label=cgrow.row --help=1'], { setup: 'prune' }),
  // --all needs API 1.42; the test engine speaks 1.41 (refused here, destroys on newer engines).
  ...rows('docker', 'refused', ['volume prune -af --filter label=cgrow.row'], { setup: 'prune', judged: true }),
  ...rows('docker', 'refused', ['volume prune -f --filter label=cgrow.row extra', 'system prune -f --volumes --filter label=cgrow.row extra'], { setup: 'prune', judged: false }),
  ...rows('docker', 'destroys', [
    'rm -v cgrow_c', 'rm -fv cgrow_c', 'container rm --volumes cgrow_c', 'container remove -v cgrow_c', 'rm -test.x -v cgrow_c', 'rm -v --help=false cgrow_c',
    'rm -vtest.x cgrow_c', 'container -test.v rm -v cgrow_c',
  ], { setup: 'container' }),
  ...rows('docker', 'harmless', ['rm -f cgrow_c', 'rm -v --help cgrow_c', 'rm --volumes=false cgrow_c'], { setup: 'container' }),
  ...rows('docker', 'refused', ['rm -v'], { setup: 'container', judged: false }),
  ...rows('docker', 'destroys', ['compose rm -fsv', 'compose rm -f -s --volumes=1', 'compose rm -fsv -test.x', 'compose rm -fs -v=true app'], { setup: 'compose-containers' }),
  ...rows('docker', 'harmless', ['compose rm -fs', 'compose rm -fsv --help=1'], { setup: 'compose-containers' }),
  // Compose 2.32+ `up`/`create` with -y/--yes re-creates a volume whose configuration changed (2.40.3).
  ...rows('docker', 'destroys', [
    'compose up --no-start -y', 'compose up --no-start --yes', 'compose create -y', 'compose create --yes=true', 'compose up --no-start --y',
    'compose -test.v create -y', 'compose create -y --help=false', 'compose create --dry-run=false -y',
  ], { setup: 'stale', compose: '2.40.3' }),
  ...rows('docker', 'harmless', ['compose create', 'compose create --yes=false', 'compose create -y --dry-run', 'compose create -y --help'], { setup: 'stale', compose: '2.40.3' }),
  ...rows('docker', 'refused', ['compose create -y', 'compose up --no-start --yes'], { setup: 'stale', judged: true }),
  // config.json aliases (DOCKER_CONFIG, or --config).
  ...rows('docker', 'destroys', ['builder down -v', 'builder -test.x down -v', 'builder down --help=false -v', '--config {CFG} builder down -v'], { config: BUILDER_COMPOSE }),
  ...rows('docker', 'harmless', ['builder down', 'builder ps', 'volume ls'], { config: BUILDER_COMPOSE }),
  // The value is one plugin name: "compose down -v" names no plugin, and docker refuses.
  ...rows('docker', 'refused', ['builder', 'build app', 'builder down -v'], { config: '{"aliases":{"builder":"compose down -v"}}', judged: false }),
  ...rows('docker', 'harmless', ['build app'], { config: BUILDER_COMPOSE }),
  // Compose v2 run as docker-compose (standalone conversion).
  ...rows('v2s', 'destroys', [
    'down -v', '-test.v down -v', 'down -v -test.x', '--verbose down -v', '-D down -v', '--help=false down -v', 'down -v --help=0',
    '-f compose.yaml down -t 1_0 -v', '--parallel 0x_1 down -v', '-p cgrow down -v', '--log-level error down -v', 'down -vh=0',
  ]),
  ...rows('v2s', 'refused', ['-v down -v', '--version down -v'], { judged: false }),
  ...rows('v2s', 'harmless', ['-h down -v', 'down -v --help', '--dry-run down -v', 'down -v -test.x --dry-run']),
  ...rows('v2s', 'refused', ['compose down -v', 'down -t 1__0 -v'], { judged: false }),
  ...rows('v2s', 'refused', ['-c default down -v', '--context=default down -v', '--tls=false down -v', '-test down -v'], { judged: true }),
  // Compose v1 (docopt: long-option prefixes, usage errors print help and delete nothing).
  ...rows('v1', 'destroys', [
    'down -v', 'down --vol', 'down --volumes', 'down --v', '-p cgrow down -v', '--project-n cgrow down -v', '--verbose down -v', 'down -vt 5',
    '-f compose.yaml down -v', '--skip-hostname-check down -v', '--no-ansi down -v', '-- down -v', 'down -v --remove-orphans', '--compatibility down -v',
    '--log-level ERROR down -v', '--ansi never down -v', 'down -t 1_0 -v', 'down --volu -t 3',
  ]),
  ...rows('v1', 'harmless', ['-v down -v', '--version', 'down -v --help', 'down -h', '--verb down', '-test.v down -v']),
  ...rows('v1', 'refused', [
    'down -v cgrow', 'down --volumes=true', 'down -- -v', 'down -v -p x', 'down --bogus', 'down --r local', 'down -tv',
  ], { judged: false }),
  ...rows('v1', 'destroys', ['rm -fsv', 'rm -f -s -v app'], { setup: 'compose-containers' }),
  ...rows('v1', 'harmless', ['rm -fs'], { setup: 'compose-containers' }),
  // A script running `docker compose "$@"`, installed as docker-compose.
  ...rows('wrap', 'destroys', ['-v down -v', 'down -v', '-test.v down -v', '--help=false down -v', '-p cgrow down -vt 1_0']),
  ...rows('wrap', 'harmless', ['-h down -v', '--dry-run down -v', '-v down']),
];
