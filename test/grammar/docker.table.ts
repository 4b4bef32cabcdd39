// The docker grammar table, one line per case (also run through the installed shims).
import type { Row } from './table.js';

const DOWN = ['compose-down-volumes'];

// `docker …` command lines; rows marked with a reference number come from the verified table.
export const DOCKER_ROWS: Row[] = [
  { argv: 'compose down -v', kinds: DOWN }, // 1
  { argv: 'compose down --volumes', kinds: DOWN }, // 2
  { argv: 'compose down --volume', kinds: DOWN }, // 3
  { argv: 'compose down --volumes=false' }, // 4
  { argv: 'compose down --volumes=0' }, // 5
  { argv: 'compose down --volumes=False' },
  { argv: 'compose down --volumes=f' },
  { argv: 'compose down --volumes=1', kinds: DOWN }, // 6
  { argv: 'compose down --volumes=T', kinds: DOWN },
  { argv: 'compose down -v=true', kinds: DOWN },
  { argv: 'compose down -v=0' },
  { argv: 'compose down --volumes=yes' }, // 7: Compose refuses
  { argv: 'compose down -vt 5', kinds: DOWN }, // 8
  { argv: 'compose down -tv' }, // 9: timeout "v" refused
  { argv: 'compose down -v -v=false' }, // 10
  { argv: 'compose down --volumes=false -v', kinds: DOWN }, // 11
  { argv: 'compose down --vol', uncertain: true }, // 12: unknown option
  { argv: 'compose down -- -v' }, // 13
  { argv: 'compose down --volumes false', kinds: DOWN }, // 14: v2 says "no such service: false"; kept destructive
  { argv: 'compose down --rmi -v' }, // 15
  { argv: 'compose down app -v', kinds: DOWN }, // 16
  { argv: 'compose -v down' }, // 17
  { argv: 'compose -v down -v', kinds: DOWN },
  { argv: 'compose -p down -v' }, // 18
  { argv: 'compose --profile down down -v', kinds: DOWN }, // 19
  { argv: 'compose down -v -p labsemg', uncertain: true }, // 20: Compose refuses, unknown here
  { argv: 'compose --dry-run down -v' }, // 21
  { argv: 'compose down -v --dry-run' }, // 22
  { argv: 'compose --dry-run down -v --dry-run=false', kinds: DOWN }, // 23
  { argv: 'compose -- --dry-run down -v', kinds: DOWN }, // 24
  { argv: 'compose -- -p other down -v', kinds: DOWN }, // 25
  { argv: 'compose -- down -v' }, // 26
  { argv: 'compose --bogus down -v', uncertain: true }, // 27: refused, but only if the flag list is complete
  { argv: 'compose -f compose.yaml down -v', kinds: DOWN }, // 28
  { argv: 'compose --file=compose.yaml down -v', kinds: DOWN },
  { argv: 'compose -fcompose.yaml down -v', kinds: DOWN },
  { argv: 'compose -f=compose.yaml down -v', kinds: DOWN },
  { argv: 'compose --dry-run=false --dry-run down -v' },
  { argv: 'compose --dry-run false down -v' },
  { argv: '--context default compose down -v', kinds: DOWN }, // 70
  { argv: '-c default compose down -v', kinds: DOWN },
  { argv: '-cdefault compose down -v', kinds: DOWN },
  { argv: '-H unix:///var/run/docker.sock compose down -v', kinds: DOWN },
  { argv: '--config /tmp/x -D -l debug --tls --tlsverify compose down -v', kinds: DOWN },
  { argv: 'compose --context default down -v', uncertain: true }, // 71: refused by Compose; doubtful here
  { argv: '-- compose down -v', kinds: DOWN }, // 72
  { argv: '--bogus compose down -v', uncertain: true },
  { argv: '-v compose down -v' },
  { argv: 'compose down -v --help' },
  { argv: 'compose down -hv' },
  { argv: 'compose help down' },
  { argv: 'compose config --volumes' },
  { argv: 'compose exec svc rm -v x' },
  { argv: 'compose run -v a:/b svc cmd' },
  { argv: 'compose run svc down -v' },
  { argv: 'compose ps' },
  { argv: 'compose rm -sfv', kinds: ['compose-rm-volumes'] }, // 76
  { argv: 'compose rm -f' },
  { argv: 'compose rm --volumes app', kinds: ['compose-rm-volumes'] },
  { argv: 'compose up -d' },
  { argv: 'compose up -d -V', kinds: ['compose-up-renew-anon-volumes'] }, // 78
  { argv: 'compose up -dV', kinds: ['compose-up-renew-anon-volumes'] },
  { argv: 'compose up --renew-anon-volumes', kinds: ['compose-up-renew-anon-volumes'] },
  { argv: 'compose up -y', kinds: ['compose-up-recreate-volumes'] }, // 79
  { argv: 'compose create --yes', kinds: ['compose-up-recreate-volumes'] },
  { argv: 'compose up --wait --wait-timeout 30 --pull always' },
  { argv: 'compose --all-resources down -v', kinds: DOWN }, // 80
  { argv: 'compose down -v --remove-orphans -t 3 --rmi local', kinds: DOWN },
  { argv: 'compose down -v --rmi bogus' },
  { argv: 'compose down --purge', uncertain: true },
  { argv: 'volume rm huangpu_postgres', kinds: ['volume-rm'] },
  { argv: 'volume remove -f a b', kinds: ['volume-rm'] },
  { argv: 'volume prune -f', kinds: ['volume-prune'] }, // 81
  { argv: 'volume prune -a -f', kinds: ['volume-prune'] },
  { argv: 'volume prune --filter label=x', kinds: ['volume-prune'] },
  { argv: 'volume ls' },
  { argv: 'volume create x' },
  { argv: 'volume inspect rm' },
  { argv: 'system prune --volumes -f', kinds: ['system-prune-volumes'] }, // 84
  { argv: 'system prune -a -f' },
  { argv: 'system df' },
  { argv: 'rm -v ctr', kinds: ['container-rm-volumes'] }, // 86
  { argv: 'rm -fv ctr', kinds: ['container-rm-volumes'] },
  { argv: 'rm -f ctr' },
  { argv: 'container rm -v ctr', kinds: ['container-rm-volumes'] },
  { argv: 'container remove --volumes ctr', kinds: ['container-rm-volumes'] },
  { argv: 'container prune -f' },
  { argv: 'image rm x' },
  { argv: 'run --rm -v data:/data busybox rm -v /data' },
  { argv: 'exec ctr docker volume rm x' },
  { argv: '' },
];
