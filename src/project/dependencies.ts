// A service's dependencies as compose-go counts them: depends_on (list or map), and the implicit
// ones it adds for links, volumes_from and network_mode/ipc/pid `service:NAME`.
import { isRecord } from './yaml.js';

/** The services one depends on, explicitly or implicitly (compose-go adds the implicit ones). */
export function dependenciesOf(service: Record<string, unknown>): string[] {
  const deps = new Set<string>();
  const dependsOn = service.depends_on;
  if (Array.isArray(dependsOn)) dependsOn.forEach((d) => deps.add(String(d)));
  else if (isRecord(dependsOn)) Object.keys(dependsOn).forEach((d) => deps.add(d));
  if (Array.isArray(service.links)) service.links.forEach((l) => deps.add(String(l).split(':')[0] as string));
  if (Array.isArray(service.volumes_from)) {
    for (const from of service.volumes_from.map(String)) {
      if (from.startsWith('container:')) continue;
      deps.add((from.startsWith('service:') ? from.slice('service:'.length) : from).split(':')[0] as string);
    }
  }
  for (const key of ['network_mode', 'ipc', 'pid']) {
    const value = service[key];
    if (typeof value === 'string' && value.startsWith('service:')) deps.add(value.slice('service:'.length));
  }
  return [...deps];
}
