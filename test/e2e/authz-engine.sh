#!/bin/sh
# A second private engine that asks the compose-guard authorization plugin before every API
# request, and the plugin beside it, for the end-to-end suite and the bench. As root.
#
#   test/e2e/authz-engine.sh start     start the plugin (dist/judge.cjs daemon) and the engine
#   test/e2e/authz-engine.sh stop      stop both
#
# State lives in ${COMPOSE_GUARD_E2E_DIR:-/tmp/compose-guard-e2e}-authz: plugins/ (the plugin's
# socket), grants.sock, policy.yaml (the plugin's COMPOSE_GUARD_POLICY, which tests rewrite),
# docker.sock, env (DOCKER_HOST and COMPOSE_GUARD_GRANT_SOCKET for the tests), logs and pid files.
# dockerd finds plugins by name in /run/docker/plugins, a path of the machine: the engine runs in
# its own mount namespace where that folder is this state's plugins/, so the machine's stays
# untouched (it is created, empty, only when it does not exist yet, as dockerd itself would).
set -eu

base=${COMPOSE_GUARD_E2E_DIR:-/tmp/compose-guard-e2e}
state=${COMPOSE_GUARD_AUTHZ_DIR:-$base-authz}
image=${COMPOSE_GUARD_E2E_IMAGE:-compose-guard-busybox:latest}
repo=$(cd "$(dirname "$0")/../.." && pwd)
socket="$state/docker.sock"
say() { printf 'authz-engine: %s\n' "$*"; }
# shellcheck source=test/e2e/engine-lib.sh
. "$repo/test/e2e/engine-lib.sh"

stop_pid() { # file, expected comm
  [ -f "$1" ] || return 0
  pid=$(cat "$1")
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || { rm -f "$1"; return 0; }
  kill "$pid" 2>/dev/null || true
  i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  rm -f "$1"; say "$2 $pid stopped"
}

if [ "${1:-}" = stop ]; then
  stop_pid "$state/dockerd.pid" dockerd
  stop_pid "$state/plugin.pid" node
  exit 0
fi
[ "${1:-}" = start ] || { echo "usage: $0 start|stop" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "authz-engine: must run as root (starts dockerd in a mount namespace)" >&2; exit 1; }
[ -f "$repo/dist/judge.cjs" ] && [ -f "$repo/dist/tools.cjs" ] || { echo "authz-engine: build first (npm run build)" >&2; exit 1; }

mkdir -p "$state/plugins" "$state/home" "$state/data" "$state/opt"
[ -f "$state/policy.yaml" ] || printf 'environment: production\n' > "$state/policy.yaml"
chmod 0644 "$state/policy.yaml"

# 1. The plugin.
if ! { [ -f "$state/plugin.pid" ] && kill -0 "$(cat "$state/plugin.pid")" 2>/dev/null; }; then
  env -i PATH="$PATH" HOME="$state/home" COMPOSE_GUARD_POLICY="$state/policy.yaml" \
    COMPOSE_GUARD_PLUGIN_SOCKET="$state/plugins/compose-guard.sock" COMPOSE_GUARD_GRANT_SOCKET="$state/grants.sock" \
    DOCKER_HOST="unix://$socket" nohup node "$repo/dist/judge.cjs" daemon >"$state/plugin.log" 2>&1 &
  echo $! > "$state/plugin.pid"
  i=0
  until [ -S "$state/plugins/compose-guard.sock" ] && [ -S "$state/grants.sock" ]; do
    i=$((i + 1))
    [ $i -le 100 ] || { echo "authz-engine: the plugin did not start; its log:" >&2; cat "$state/plugin.log" >&2; exit 1; }
    sleep 0.1
  done
  say "plugin started (pid $(cat "$state/plugin.pid")), log $state/plugin.log"
fi

# 2. The engine, in a mount namespace where /run/docker/plugins is $state/plugins.
if ! DOCKER_HOST="unix://$socket" docker version >/dev/null 2>&1; then
  stop_pid "$state/dockerd.pid" dockerd
  [ -d /run/docker/plugins ] || mkdir -p /run/docker/plugins
  rm -rf "$state/exec"; mkdir -p "$state/exec"
  nohup unshare -m --propagation private sh -c '
    mount --bind "$1/plugins" /run/docker/plugins || exit 1
    exec dockerd --authorization-plugin=compose-guard --storage-driver=vfs --bridge=none --iptables=false --ip6tables=false \
      --data-root="$1/data" --exec-root="$1/exec" --pidfile="$1/dockerd.pid" --host="unix://$1/docker.sock"' sh "$state" \
    >"$state/dockerd.log" 2>&1 &
  wait_for_engine "$socket" "$state/dockerd.log" authz-engine
  say "engine started (pid $(cat "$state/dockerd.pid")) with --authorization-plugin=compose-guard, log $state/dockerd.log"
fi
printf 'DOCKER_HOST=unix://%s\nCOMPOSE_GUARD_GRANT_SOCKET=%s\n' "$socket" "$state/grants.sock" > "$state/env"

# 3. The tiny busybox image.
busybox_image "$socket" "$image"
say "ready"
