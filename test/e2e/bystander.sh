#!/bin/sh
# Runs a command on a machine whose default engine holds unrelated projects and volumes, and
# proves the command left them untouched. In a private mount namespace, /run is a fresh tmpfs and a
# bystander dockerd answers on the default socket /var/run/docker.sock; it holds projects and
# volumes named like the ones the tests use (huangpu, webapp, ...) with data in them. After the
# command, every volume, container and label must be as before and every volume's data intact.
#
#   test/e2e/bystander.sh npm test
#
# Exit: the command's status, or 1 when the bystander engine changed. As root (mounts, dockerd).
set -eu

if [ "${CG_BYSTANDER_INSIDE:-}" != 1 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "bystander: must run as root" >&2; exit 1; }
  [ $# -gt 0 ] || { echo "usage: test/e2e/bystander.sh COMMAND [ARGS...]" >&2; exit 2; }
  export CG_BYSTANDER_INSIDE=1
  exec unshare -m --propagation private "$(cd "$(dirname "$0")" && pwd)/$(basename "$0")" "$@"
fi
unset CG_BYSTANDER_INSIDE DOCKER_HOST DOCKER_CONTEXT DOCKER_CONFIG

here=$(cd "$(dirname "$0")" && pwd)
state=$(mktemp -d /tmp/cg-bystander-XXXXXX)
image=compose-guard-busybox:latest
say() { printf 'bystander: %s\n' "$*"; }
mount -t tmpfs bystander-run /run
mkdir -p /run/lock "$state/data" "$state/exec"

dockerd --storage-driver=vfs --bridge=none --iptables=false --ip6tables=false \
  --data-root="$state/data" --exec-root="$state/exec" --pidfile="$state/dockerd.pid" \
  --host=unix:///var/run/docker.sock >"$state/dockerd.log" 2>&1 &
engine=$!
stop() {
  kill "$engine" 2>/dev/null || true
  i=0; while kill -0 "$engine" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  rm -rf "$state"
}
trap stop EXIT
i=0
until docker info >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -le 300 ] || { tail -n 20 "$state/dockerd.log" >&2; exit 1; }
  sleep 0.1
done

# What the bystander engine holds: whole projects created by Compose from the test fixtures, and
# loose volumes carrying the labels of projects the tests create and destroy.
root=$(mktemp -d)
mkdir -p "$root/bin"
cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"; done
tar -C "$root" -c . | docker import --change 'CMD ["sleep","3600"]' - "$image" >/dev/null
rm -rf "$root"
for project in huangpu webapp; do
  copy="$state/projects/$project"
  mkdir -p "$state/projects"
  cp -r "$here/../fixtures/$project" "$copy"
  (cd "$copy" && docker compose up --no-start >/dev/null 2>&1)
done
for spec in basic_data:basic include_mainvol:include cgfixbroken_keep:cgfixbroken bystander_plain:; do
  name=${spec%%:*} project=${spec#*:}
  if [ -n "$project" ]; then docker volume create --label "com.docker.compose.project=$project" "$name" >/dev/null
  else docker volume create "$name" >/dev/null; fi
done
# One container mounts every volume (each container start copies the image on vfs).
every_volume() { # shell command run with every volume mounted at /v/<name>
  set --
  for volume in $(docker volume ls -q); do set -- "$@" -v "$volume:/v/$volume"; done
  docker run --rm "$@" "$image" sh -c "$cmd"
}
cmd='for d in /v/*; do echo "bystander ${d#/v/}" > "$d/bystander"; done'
every_volume >/dev/null

snapshot() {
  docker volume ls -q | xargs -r docker volume inspect --format '{{.Name}} {{json .Labels}}' | sort
  docker ps -aq | xargs -r docker inspect --format '{{.Name}} {{.State.Status}} {{json .Config.Labels}}' | sort
  cmd='for d in /v/*; do printf "%s: %s\n" "${d#/v/}" "$(cat "$d/bystander" 2>&1)"; done'
  every_volume
}
snapshot > "$state/before"
say "default socket answers with $(docker volume ls -q | wc -l) volumes and $(docker ps -aq | wc -l) containers of unrelated projects"

status=0
"$@" || status=$?

snapshot > "$state/after"
if ! diff -u "$state/before" "$state/after" >&2; then
  say "the default engine changed while running: $*" >&2
  exit 1
fi
say "untouched: $(grep -c ': bystander' "$state/after") volumes with their data, $(docker ps -aq | wc -l) containers"
exit "$status"
