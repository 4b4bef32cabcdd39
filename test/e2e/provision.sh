#!/bin/sh
# Provisions what the end-to-end and differential suites need on a Debian 12 machine, as root:
# Docker Engine, Compose v1, busybox (Debian 12), Compose v2 (Debian 13's static binary), a
# running dockerd and a tiny local image. Idempotent; prints one line per step.
#
#   test/e2e/provision.sh            provision and start an engine (when none answers)
#   test/e2e/provision.sh stop       stop the engine this script started
#
# State lives in $COMPOSE_GUARD_E2E_DIR (default /tmp/compose-guard-e2e):
#   bin/docker-compose   Compose v2 as a standalone command (tests put bin/ on PATH for v2)
#   dockerd.pid, dockerd.log, env (DOCKER_HOST=... for the tests)
set -eu

state=${COMPOSE_GUARD_E2E_DIR:-/tmp/compose-guard-e2e}
image=${COMPOSE_GUARD_E2E_IMAGE:-compose-guard-busybox:latest}
plugin_dir=/usr/local/lib/docker/cli-plugins
socket="$state/docker.sock"
say() { printf 'provision: %s\n' "$*"; }

stop_engine() {
  if [ -f "$state/dockerd.pid" ]; then
    pid=$(cat "$state/dockerd.pid")
    rm -f "$state/dockerd.pid"
    # A pid file can outlive its process; never signal a recycled pid that is not dockerd.
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != dockerd ]; then
      say "stale pid file removed (engine $pid was gone)"
      return 0
    fi
    kill "$pid" 2>/dev/null || true
    i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    say "engine $pid stopped"
  fi
}

if [ "${1:-}" = stop ]; then stop_engine; exit 0; fi
[ "$(id -u)" -eq 0 ] || { echo "provision: must run as root (installs Debian packages, starts dockerd)" >&2; exit 1; }
mkdir -p "$state/bin"

# 1. Debian 12 packages.
need=""
command -v dockerd >/dev/null 2>&1 || need="$need docker.io"
[ -x /usr/bin/docker-compose ] || need="$need docker-compose"
[ -x /bin/busybox ] || need="$need busybox-static"
if [ -n "$need" ]; then
  say "installing$need"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $need >/dev/null
fi

# 2. Compose v2 from Debian 13 (static, libc only), fetched with the machine's own mirror.
if ! [ -x "$plugin_dir/docker-compose" ]; then
  src=/etc/apt/sources.list.d/debian.sources
  uri=$(sed -n 's/^URIs:[[:space:]]*//p' "$src" | head -n 1)
  [ -n "$uri" ] || { echo "provision: no URIs line in $src" >&2; exit 1; }
  work=$(mktemp -d)
  mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/sources.list.d"
  printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$uri" > "$work/sources.list.d/trixie.sources"
  apt_opts="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$work/sources.list.d \
    -o Dir::State::Lists=$work/lists -o Dir::Cache::Archives=$work/archives -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root"
  say "fetching Compose v2 from the trixie suite at $uri"
  # shellcheck disable=SC2086
  apt-get $apt_opts update -q >/dev/null
  # shellcheck disable=SC2086
  (cd "$work" && apt-get $apt_opts download -q docker-compose >/dev/null)
  deb=$(ls "$work"/docker-compose_*.deb | head -n 1)
  dpkg-deb -x "$deb" "$work/root"
  mkdir -p "$plugin_dir"
  install -m 0755 "$work/root/usr/libexec/docker/cli-plugins/docker-compose" "$plugin_dir/docker-compose"
  rm -rf "$work"
fi
ln -sf "$plugin_dir/docker-compose" "$state/bin/docker-compose"
say "compose v2 $("$plugin_dir/docker-compose" version --short), v1 $(/usr/bin/docker-compose version --short 2>/dev/null)"

# 3. An engine: reuse one that answers, else start our own.
if [ -z "${DOCKER_HOST:-}" ] && docker info >/dev/null 2>&1; then
  echo "DOCKER_HOST=unix:///var/run/docker.sock" > "$state/env"
  say "an engine already answers on the default socket"
elif DOCKER_HOST="unix://$socket" docker info >/dev/null 2>&1; then
  echo "DOCKER_HOST=unix://$socket" > "$state/env"
  say "engine already running at $socket"
else
  stop_engine
  rm -rf "$state/exec"; mkdir -p "$state/data" "$state/exec"
  nohup dockerd --storage-driver=vfs --bridge=none --iptables=false --ip6tables=false \
    --data-root="$state/data" --exec-root="$state/exec" --pidfile="$state/dockerd.pid" \
    --host="unix://$socket" >"$state/dockerd.log" 2>&1 &
  i=0
  until DOCKER_HOST="unix://$socket" docker info >/dev/null 2>&1; do
    i=$((i + 1))
    if [ $i -gt 300 ]; then
      echo "provision: dockerd did not answer within 30 s; its log:" >&2
      tail -n 40 "$state/dockerd.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "DOCKER_HOST=unix://$socket" > "$state/env"
  say "engine started (pid $(cat "$state/dockerd.pid")), log $state/dockerd.log"
fi
. "$state/env"; export DOCKER_HOST

# 4. A tiny local image from busybox (no registry is reachable).
if ! docker image inspect "$image" >/dev/null 2>&1; then
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
  done
  tar -C "$root" -c . | docker import --change 'CMD ["sleep","3600"]' - "$image" >/dev/null
  rm -rf "$root"
  say "image $image built from busybox"
fi
say "ready"
