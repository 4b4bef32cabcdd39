// Fake `docker` / `docker-compose` programs for pass-through mechanics only: they record argv
// (NUL-separated, byte-exact) and stdin, print chosen bytes, wait for signals, exit as told.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const FAKE = `#!/bin/sh
# A stand-in for the real program, driven by FAKE_* variables.
: > "$FAKE_DIR/ran"
for a do printf '%s\\0' "$a"; done > "$FAKE_DIR/argv"
if [ -n "\${FAKE_STDIN:-}" ]; then cat > "$FAKE_DIR/stdin"; fi
if [ -n "\${FAKE_STDOUT_HEX:-}" ]; then printf "$FAKE_STDOUT_HEX"; fi
if [ -n "\${FAKE_WAIT_SIGNAL:-}" ]; then
  trap 'echo TERM > "$FAKE_DIR/signal"; exit 143' TERM
  : > "$FAKE_DIR/ready"
  i=0; while [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
fi
exit "\${FAKE_STATUS:-0}"
`;

export interface FakeBinaries {
  /** Folder holding fake docker and docker-compose, to put on PATH after the shims. */
  dir: string;
  /** Where the fakes write what they saw (FAKE_DIR). */
  records: string;
}

export function makeFakeBinaries(): FakeBinaries {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-fake-bin-'));
  const records = mkdtempSync(path.join(tmpdir(), 'cg-fake-rec-'));
  for (const tool of ['docker', 'docker-compose']) {
    writeFileSync(path.join(dir, tool), FAKE);
    chmodSync(path.join(dir, tool), 0o755);
  }
  return { dir, records };
}
