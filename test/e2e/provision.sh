#!/bin/sh
# Provisions what the end-to-end and differential suites need on a Debian 12 machine, as root:
# Docker Engine, Compose v1, busybox, sudo, OpenSSH, restic, socat and openssl (Debian 12), Compose
# v2 2.26.1, restic-rest-server 0.13.0 and moto 5.1.1 with its Python (Debian 13, unpacked in a
# folder of their own), Compose v2 2.40.3 (Debian sid), a private dockerd of its own and a tiny
# local image. Idempotent; prints one line per step. It never uses an
# engine it did not start, even when one answers on the default socket.
#
#   test/e2e/provision.sh            provision and start (or keep) this state folder's engine
#   test/e2e/provision.sh stop       stop the engine this script started
#
# State lives in $COMPOSE_GUARD_E2E_DIR (default /tmp/compose-guard-e2e):
#   docker.sock, data/, exec/        the private engine (its own socket, data-root and exec-root)
#   dockerd.pid, dockerd.log, env    env holds DOCKER_HOST=unix://<state>/docker.sock for the tests
#   bin/docker-compose               Compose v2 2.26.1 as a standalone command
#   compose-<version>/cli-plugins/   one docker config folder per Compose v2 version (DOCKER_CONFIG)
#   compose-versions                 one line per version: "<version> <config folder>"
# Downloaded Compose binaries are kept in $COMPOSE_GUARD_E2E_CACHE (default
# /var/cache/compose-guard-e2e), shared by every state folder on the machine.
set -eu

state=${COMPOSE_GUARD_E2E_DIR:-/tmp/compose-guard-e2e}
cache=${COMPOSE_GUARD_E2E_CACHE:-/var/cache/compose-guard-e2e}
image=${COMPOSE_GUARD_E2E_IMAGE:-compose-guard-busybox:latest}
plugin_dir=/usr/local/lib/docker/cli-plugins
socket="$state/docker.sock"
# The Compose v2 versions the differential suite runs against, and the Debian suite of each.
versions="2.26.1:trixie 2.40.3:sid"
say() { printf 'provision: %s\n' "$*"; }
die() { printf 'provision: %s\n' "$*" >&2; exit 1; }
# shellcheck source=test/e2e/engine-lib.sh
. "$(dirname "$0")/engine-lib.sh"

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
[ "$(id -u)" -eq 0 ] || die "must run as root (installs Debian packages, starts dockerd)"
mkdir -p "$state/bin" "$cache"

# 1. Debian 12 packages.
need=""
command -v dockerd >/dev/null 2>&1 || need="$need docker.io"
[ -x /usr/bin/docker-compose ] || need="$need docker-compose"
[ -x /bin/busybox ] || need="$need busybox-static"
# The system-install routes: sudo, and a real sshd for `ssh host 'docker ...'`.
command -v sudo >/dev/null 2>&1 || need="$need sudo"
[ -x /usr/sbin/sshd ] || need="$need openssh-server"
command -v ssh >/dev/null 2>&1 || need="$need openssh-client"
# Snapshots: zstd compresses them, restic stores them in a repository (the sftp suite uses sshd).
command -v zstd >/dev/null 2>&1 || need="$need zstd"
command -v restic >/dev/null 2>&1 || need="$need restic"
# zsh: the tests load the generated zsh completion.
command -v zsh >/dev/null 2>&1 || need="$need zsh"
# Remote engines: socat puts a TLS front (openssl makes the certificates) before the private engine.
command -v socat >/dev/null 2>&1 || need="$need socat"
command -v openssl >/dev/null 2>&1 || need="$need openssl"
if [ -n "$need" ]; then
  say "installing$need"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $need >/dev/null
fi

# 2. Compose v2 builds from other Debian suites (static, libc only), fetched through a private apt
#    configuration whose mirror is the machine's own; cached per exact version.
# One program from a package of another Debian suite: fetch_deb SUITE PACKAGE VERSION MEMBER DEST
# downloads PACKAGE (its newest VERSION-* build) and installs the file MEMBER of it as DEST.
fetch_deb() {
  suite=$1 package=$2 version=$3 member=$4 dest=$5
  src=/etc/apt/sources.list.d/debian.sources
  uri=$(sed -n 's/^URIs:[[:space:]]*//p' "$src" | head -n 1)
  [ -n "$uri" ] || die "no URIs line in $src"
  work=$(mktemp -d)
  mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/sources.list.d"
  printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$uri" "$suite" > "$work/sources.list.d/$suite.sources"
  apt_opts="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$work/sources.list.d \
    -o Dir::State::Lists=$work/lists -o Dir::Cache::Archives=$work/archives -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root"
  say "fetching $package $version from the $suite suite at $uri"
  # shellcheck disable=SC2086
  apt-get $apt_opts update -q >/dev/null
  # shellcheck disable=SC2086
  candidate=$(apt-cache $apt_opts show "$package" | sed -n 's/^Version: //p' | grep "^$version-" | head -n 1)
  [ -n "$candidate" ] || die "the $suite suite has no $package $version (it has: $(apt-cache $apt_opts show "$package" | sed -n 's/^Version: //p' | tr '\n' ' '))"
  # shellcheck disable=SC2086
  (cd "$work" && apt-get $apt_opts download -q "$package=$candidate" >/dev/null)
  dpkg-deb -x "$work"/"$package"_*.deb "$work/root"
  mkdir -p "$(dirname "$dest")"
  install -m 0755 "$work/root/$member" "$dest.new"
  mv "$dest.new" "$dest"
  rm -rf "$work"
  say "$package $candidate from $suite cached as $dest"
}

# A package of another Debian suite with everything it depends on, unpacked (never installed) as
# a tree to chroot into: fetch_tree SUITE DEST PACKAGE VERSION [MORE PACKAGES...].
fetch_tree() {
  suite=$1 dest=$2 package=$3 version=$4
  shift 4
  uri=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources | head -n 1)
  [ -n "$uri" ] || die "no URIs line in /etc/apt/sources.list.d/debian.sources"
  work=$(mktemp -d)
  mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/sources.list.d"
  : > "$work/status"
  printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$uri" "$suite" > "$work/sources.list.d/$suite.sources"
  # An empty package database: apt resolves the whole closure, as for an empty machine.
  apt_opts="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$work/sources.list.d \
    -o Dir::State::Lists=$work/lists -o Dir::Cache::Archives=$work/archives -o Dir::State::status=$work/status \
    -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null -o APT::Install-Recommends=0 \
    -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root -o Debug::NoLocking=1"
  say "fetching $package $version and what it needs from the $suite suite at $uri"
  # shellcheck disable=SC2086
  apt-get $apt_opts update -q >/dev/null
  # shellcheck disable=SC2086
  candidate=$(apt-cache $apt_opts show "$package" | sed -n 's/^Version: //p' | grep "^$version-" | head -n 1)
  [ -n "$candidate" ] || die "the $suite suite has no $package $version"
  # shellcheck disable=SC2086
  apt-get $apt_opts install --download-only -y -q "$package=$candidate" "$@" >/dev/null
  rm -rf "$dest.new"; mkdir -p "$dest.new"
  for deb in "$work"/archives/*.deb; do dpkg-deb -x "$deb" "$dest.new"; done
  # What the packages' scripts and the usr merge would have made: /bin, /lib..., /tmp and the CA
  # bundle (Python's requests loads it on import).
  for dir in bin lib lib64 sbin; do [ -e "$dest.new/$dir" ] || ln -s "usr/$dir" "$dest.new/$dir"; done
  mkdir -p "$dest.new/tmp" "$dest.new/etc/ssl/certs"
  chmod 1777 "$dest.new/tmp"
  cat "$dest.new"/usr/share/ca-certificates/*/*.crt > "$dest.new/etc/ssl/certs/ca-certificates.crt"
  rm -rf "$dest"; mv "$dest.new" "$dest"
  say "$package $candidate from $suite with $(ls "$work"/archives/*.deb | wc -l) packages unpacked in $dest"
  rm -rf "$work"
}

fetch_compose() { # version suite -> $cache/compose-<version>/docker-compose
  version=$1 suite=$2 dest="$cache/compose-$1"
  [ -x "$dest/docker-compose" ] && return 0
  # A machine provisioned before the cache existed has this version as its default plugin.
  case "$("$plugin_dir/docker-compose" version --short 2>/dev/null)" in
    "$version"|"$version"-*) mkdir -p "$dest"; install -m 0755 "$plugin_dir/docker-compose" "$dest/docker-compose"; return 0 ;;
  esac
  fetch_deb "$suite" docker-compose "$version" usr/libexec/docker/cli-plugins/docker-compose "$dest/docker-compose"
}

: > "$state/compose-versions.new"
for entry in $versions; do
  version=${entry%%:*}
  # One provisioning at a time fetches a version; the others wait and find it cached.
  (flock 9; fetch_compose "$version" "${entry#*:}") 9>"$cache/.lock"
  got=$("$cache/compose-$version/docker-compose" version --short)
  case "$got" in "$version"|"$version"-*) ;; *) die "$cache/compose-$version/docker-compose says it is $got" ;; esac
  mkdir -p "$state/compose-$version/cli-plugins"
  ln -sf "$cache/compose-$version/docker-compose" "$state/compose-$version/cli-plugins/docker-compose"
  echo "$version $state/compose-$version" >> "$state/compose-versions.new"
  say "compose $got as a plugin in DOCKER_CONFIG=$state/compose-$version"
done
mv "$state/compose-versions.new" "$state/compose-versions"
# The oldest modelled version is also the machine's default plugin and the standalone command.
oldest=${versions%%:*}
if ! cmp -s "$cache/compose-$oldest/docker-compose" "$plugin_dir/docker-compose" 2>/dev/null; then
  mkdir -p "$plugin_dir"
  install -m 0755 "$cache/compose-$oldest/docker-compose" "$plugin_dir/docker-compose.new"
  mv "$plugin_dir/docker-compose.new" "$plugin_dir/docker-compose"
fi
ln -sf "$plugin_dir/docker-compose" "$state/bin/docker-compose"
say "default plugin and standalone: compose $("$plugin_dir/docker-compose" version --short), v1 $(/usr/bin/docker-compose version --short 2>/dev/null)"
# restic's REST server (Debian packages it from trixie on), for snapshots in a rest: repository.
rest_version=0.13.0
(flock 9; [ -x "$cache/rest-server-$rest_version/restic-rest-server" ] \
  || fetch_deb trixie restic-rest-server "$rest_version" usr/bin/restic-rest-server "$cache/rest-server-$rest_version/restic-rest-server") 9>"$cache/.lock"
if ! cmp -s "$cache/rest-server-$rest_version/restic-rest-server" /usr/local/bin/restic-rest-server 2>/dev/null; then
  install -m 0755 "$cache/rest-server-$rest_version/restic-rest-server" /usr/local/bin/restic-rest-server.new
  mv /usr/local/bin/restic-rest-server.new /usr/local/bin/restic-rest-server
fi
say "restic-rest-server $rest_version in /usr/local/bin"
# An S3 server for snapshots in an s3: repository: moto's (Debian 13's python3-moto with the
# Python 3.13 and every package it needs, all from Debian 13, none installed on this machine),
# unpacked into a folder of its own that test/e2e/s3-server.ts runs under chroot on 127.0.0.1.
moto_version=5.1.1
moto_root="$cache/moto-$moto_version"
(flock 9; [ -x "$moto_root/usr/bin/python3" ] || fetch_tree trixie "$moto_root" python3-moto "$moto_version" python3-flask-cors) 9>"$cache/.lock"
mkdir -p /usr/local/lib/compose-guard-e2e
ln -sfn "$moto_root" /usr/local/lib/compose-guard-e2e/moto.new
mv -T /usr/local/lib/compose-guard-e2e/moto.new /usr/local/lib/compose-guard-e2e/moto
say "moto $(chroot "$moto_root" /usr/bin/python3 -c 'import moto; print(moto.__version__)') (an S3 server) in /usr/local/lib/compose-guard-e2e/moto"

# 3. The engine: always this state folder's own (own socket, data-root and exec-root). An engine on
#    the default socket, or anywhere else, is never used.
if [ -f "$state/dockerd.pid" ] && [ "$(cat "/proc/$(cat "$state/dockerd.pid")/comm" 2>/dev/null)" = dockerd ] \
  && DOCKER_HOST="unix://$socket" docker info >/dev/null 2>&1; then
  say "engine already running at $socket (pid $(cat "$state/dockerd.pid"))"
else
  stop_engine
  rm -rf "$state/exec"; mkdir -p "$state/data" "$state/exec"
  nohup dockerd --storage-driver=vfs --bridge=none --iptables=false --ip6tables=false \
    --data-root="$state/data" --exec-root="$state/exec" --pidfile="$state/dockerd.pid" \
    --host="unix://$socket" >"$state/dockerd.log" 2>&1 &
  wait_for_engine "$socket" "$state/dockerd.log" provision
  say "engine started (pid $(cat "$state/dockerd.pid")), log $state/dockerd.log"
fi
echo "DOCKER_HOST=unix://$socket" > "$state/env"
DOCKER_HOST="unix://$socket"; export DOCKER_HOST
unset DOCKER_CONTEXT

# 4. A tiny local image from busybox (no registry is reachable).
busybox_image "$socket" "$image"
# 5. PostgreSQL 15 from Debian in a local image, for the snapshot and restore suite.
"$(dirname "$0")/pg-image.sh"
say "ready"
