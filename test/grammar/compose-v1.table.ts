// The Compose v1 grammar table, one line per case (also run through the installed shims).
import type { Row } from './table.js';

const DOWN = ['compose-down-volumes'];

// `docker-compose …` read by Compose v1 (1.29.2): docopt prefixes, and usage errors run nothing.
export const V1_ROWS: Row[] = [
  { argv: 'down -v', kinds: DOWN },
  { argv: 'down --volumes', kinds: DOWN },
  { argv: 'down --vol', kinds: DOWN }, // 64
  { argv: 'down --v', kinds: DOWN },
  { argv: 'down --volume', kinds: DOWN },
  { argv: 'down --volumes=true' }, // 65: usage error
  { argv: 'down -v app' }, // 66
  { argv: '--project-n labsemv1 down -v', kinds: DOWN }, // 67
  { argv: 'down -v -p labsemv1' }, // 68
  { argv: '-- down -v', kinds: DOWN }, // 69
  { argv: 'down -vt 5', kinds: DOWN },
  { argv: 'down -vt5', kinds: DOWN },
  { argv: 'down -tv' }, // timeout "v", no volumes
  { argv: 'down -- -v' },
  { argv: 'down --bogus' },
  { argv: 'down --r local' }, // ambiguous prefix (--rmi, --remove-orphans)
  { argv: 'down --rmi local -v --remove-orphans', kinds: DOWN },
  { argv: '-v down -v' }, // prints the version
  { argv: '--version' },
  { argv: 'down -v --help' },
  { argv: '-f a.yml -f b.yml -p x --profile p --env-file e.env --project-directory d down -v', kinds: DOWN },
  { argv: '-c prod down -v', kinds: DOWN },
  { argv: '-H ssh://prod down --volumes', kinds: DOWN },
  { argv: '--tls --tlsverify --skip-hostname-check down -v', kinds: DOWN },
  { argv: '--bogus down -v' },
  { argv: 'rm -v', kinds: ['compose-rm-volumes'] },
  { argv: 'rm -fsv app', kinds: ['compose-rm-volumes'] },
  { argv: 'rm -f' },
  { argv: 'up -d' },
  { argv: 'up -V', kinds: ['compose-up-renew-anon-volumes'] },
  { argv: 'up --ren -d', kinds: ['compose-up-renew-anon-volumes'] },
  { argv: 'exec app rm -v x' },
  { argv: 'run app down -v' },
  { argv: 'config --volumes' },
  { argv: 'ps' },
];
