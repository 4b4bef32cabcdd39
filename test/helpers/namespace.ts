// Scenes that need /dev, /run or a small disk of their own, played in a private mount namespace
// (`unshare -m`): the machine's own /dev, /run and file systems are never touched.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './install.js';

export const CAN_UNSHARE = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;

/** Runs `script` (sh) in a new mount namespace; `$SCENE` is a scratch folder. */
export function inNamespace(script: string, options: { env: NodeJS.ProcessEnv; cwd: string }) {
  const scene = mkdtempSync(path.join(tmpdir(), 'cg-scene-'));
  const result = spawnSync('unshare', ['-m', 'sh', '-euc', script], { ...options, env: { ...options.env, SCENE: scene }, encoding: 'utf8', timeout: 60_000 });
  return { ...result, scene };
}

/** Shell that gives the namespace a syslog socket at /dev/log and a journal socket, each
 * recorded into $SCENE/syslog and $SCENE/journal; `stop_listeners` ends them. */
export const LISTENERS = `
mkdir -p "$SCENE/dev-upper" "$SCENE/dev-work"
mount -t overlay overlay -o "lowerdir=/dev,upperdir=$SCENE/dev-upper,workdir=$SCENE/dev-work" /dev
mount -t tmpfs tmpfs /run
mkdir -p /run/systemd/journal
python3 ${path.join(repoRoot, 'test/helpers/log_listen.py')} /dev/log "$SCENE/syslog" & syslog_pid=$!
python3 ${path.join(repoRoot, 'test/helpers/log_listen.py')} /run/systemd/journal/socket "$SCENE/journal" & journal_pid=$!
i=0; while [ ! -e "$SCENE/syslog.ready" ] || [ ! -e "$SCENE/journal.ready" ]; do i=$((i+1)); [ $i -lt 200 ] || exit 9; sleep 0.05; done
stop_listeners() { kill "$syslog_pid" "$journal_pid"; wait "$syslog_pid" "$journal_pid" 2>/dev/null || true; }
`;

/** The datagrams a listener recorded. */
export function datagrams(file: string): string[] {
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file);
  const out: string[] = [];
  for (let off = 0; off + 4 <= bytes.length;) {
    const n = bytes.readUInt32BE(off);
    out.push(bytes.subarray(off + 4, off + 4 + n).toString('utf8'));
    off += 4 + n;
  }
  return out;
}

export function scratch(name: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cg-')), name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
