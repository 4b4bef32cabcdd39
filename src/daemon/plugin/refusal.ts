// The text a client shows when the plugin refuses a request. Docker prints it after
// "authorization denied by plugin compose-guard:", so it starts with what was refused.
import type { Decision } from '../../policy/decide.js';
import type { Destruction } from './grants.js';
import type { ApiRequest } from './routes.js';

const MAX_LISTED = 8;

function listed(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return names.length > MAX_LISTED ? `${shown} and ${names.length - MAX_LISTED} more` : shown;
}

/** The command an operator would run through the shims to do this deliberately. */
export function wayThroughCommand(request: ApiRequest, d: Destruction): string {
  switch (request.kind) {
    case 'volume-rm':
      return `docker volume rm ${request.volume}`;
    case 'volume-prune':
      return 'docker volume prune';
    case 'container-rm-volumes':
      return `docker rm -v ${request.container}`;
    default:
      return d.volumes.length > 0 ? `docker volume rm ${d.volumes.join(' ')}` : 'the command, through the compose-guard shims';
  }
}

export function refusalMessage(method: string, request: ApiRequest, d: Destruction, decision: Decision): string {
  const what = d.volumes.length > 0
    ? `it would destroy volume${d.volumes.length > 1 ? 's' : ''} ${listed(d.volumes)}`
    : request.kind === 'volume-prune' ? 'it would destroy every volume no container uses' : 'it may destroy volume data';
  const why = decision.reasons.filter((r) => r !== '').join('; ');
  const command = wayThroughCommand(request, d);
  return `compose-guard refused ${method.toUpperCase()} ${describe(request)}: ${what} (${why}). `
    + `The way through: run it with the compose-guard shims ahead of docker on PATH, which ask the policy and let it through: `
    + `compose-guard allow-once --reason "why" -- ${command}, then ${command}.`;
}

function describe(request: ApiRequest): string {
  switch (request.kind) {
    case 'volume-rm':
      return `/volumes/${request.volume}`;
    case 'volume-prune':
      return '/volumes/prune';
    case 'container-rm-volumes':
      return `/containers/${request.container}?v=1`;
    case 'unreadable':
      return '(an unreadable request target)';
    default:
      return '';
  }
}
