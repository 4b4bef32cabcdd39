#!/bin/sh
# Installs compose-guard: the docker and docker-compose shims, the compose-guard command and the
# judge. Builds the judge first when run from a source tree.
#
#   ./install.sh [--prefix DIR]              for one user (default DIR: ~/.local); safe to run again
#   sudo ./install.sh --system               for every user and every route on this host
#   sudo ./install.sh --system --daemon      and the authorization plugin, for clients without a shim
#   ./install.sh --uninstall [--prefix DIR | --system] [--purge]
#
# --system (scripts/install-system.sh) puts the shims where every route looks: it diverts the
# Debian packages' /usr/bin/docker and /usr/bin/docker-compose with dpkg-divert (as molly-guard
# does), places the shims there, and the judge in /usr/local/lib/compose-guard; the host policy
# lives in /etc/compose-guard. --daemon (scripts/install-daemon.sh) adds the authorization plugin
# as a systemd service and registers it in /etc/docker/daemon.json.
set -eu

usage() {
  echo "usage: ./install.sh [--prefix DIR | --system [--daemon]] [--uninstall [--purge]]" >&2
  exit 2
}

prefix=
system=no
daemon=no
action=install
purge=no
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || usage; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --system) system=yes; shift ;;
    --daemon) daemon=yes; shift ;;
    --uninstall) action=uninstall; shift ;;
    --purge) purge=yes; shift ;;
    -h | --help) usage ;;
    *) echo "install.sh: unknown option $1" >&2; usage ;;
  esac
done
[ "$system" = yes ] && [ -n "$prefix" ] && { echo "install.sh: --system and --prefix exclude each other" >&2; usage; }
[ "$purge" = yes ] && [ "$action" != uninstall ] && { echo "install.sh: --purge goes with --uninstall" >&2; usage; }
[ "$daemon" = yes ] && [ "$system" = no ] && { echo "install.sh: --daemon goes with --system (the plugin serves the whole host)" >&2; usage; }

repo=$(cd "$(dirname "$0")" && pwd)
tools="docker docker-compose"
ours() { [ -f "$1" ] && grep -q 'compose-guard-shim' "$1" 2>/dev/null; }
our_command() { [ -f "$1" ] && grep -q 'compose-guard-command' "$1" 2>/dev/null; }

# The node every shim runs the judge with, found now and written into the shims.
find_node() {
  node_path=$(command -v node) || { echo "install.sh: node (>= 20) is required; none is on PATH" >&2; exit 1; }
  node_major=$("$node_path" -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 20 ] || { echo "install.sh: node >= 20 is required (found $("$node_path" --version) at $node_path)" >&2; exit 1; }
}

# From a source tree: dependencies and the bundles. A packaged tree (npm, .deb) ships dist/ built.
build_bundles() {
  [ -d "$repo/src" ] && [ -f "$repo/package.json" ] || return 0
  if [ ! -d "$repo/node_modules" ]; then (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error); fi
  if [ ! -f "$repo/dist/judge.cjs" ] || [ -n "$(find "$repo/src" -newer "$repo/dist/judge.cjs" -print -quit)" ]; then
    (cd "$repo" && npm run --silent build)
  fi
}

# A file of the payload: a source tree or package keeps the bundles in dist/ and the loader in
# shims/; an install tree (lib/compose-guard) keeps them flat beside this script.
payload() { if [ -f "$repo/$1" ]; then echo "$repo/$1"; else echo "$repo/${1##*/}"; fi; }

# The judge, its loader and the code cache into $1, with this script and the shims, so the
# installed `compose-guard install` can place shims again without the source.
install_lib() {
  mkdir -p "$1/scripts" "$1/shims"
  for file in dist/judge.cjs dist/commands.cjs dist/tools.cjs dist/compose-spec-2_26_1.cjs dist/compose-spec-2_40_3.cjs shims/judge-loader.cjs; do
    cp "$(payload "$file")" "$1/${file#*/}.tmp" && mv "$1/${file#*/}.tmp" "$1/${file#*/}"
  done
  for file in install.sh scripts/install-system.sh scripts/install-daemon.sh shims/docker shims/docker-compose; do
    cp "$repo/$file" "$1/$file.tmp" && mv "$1/$file.tmp" "$1/$file"
  done
  rm -f "$1"/*.cjs.cache
  # V8 code cache for this node; without it the judge still works, only slower to start.
  "$node_path" "$1/judge-loader.cjs" --write-code-cache || echo "note: no code cache written; the judge will start slower" >&2
}

# write_shim TOOL FILE LIB [REAL]: the generated shim with this install's paths, replaced atomically.
write_shim() {
  sed -e "s|^guard_lib=.*|guard_lib='$3'|" -e "s|^guard_node=.*|guard_node='$node_path'|" \
    -e "s|^guard_real=.*|guard_real='${4:-}'|" "$repo/shims/$1" > "$2.compose-guard-tmp"
  chmod 0755 "$2.compose-guard-tmp"
  mv "$2.compose-guard-tmp" "$2"
}

# write_command FILE LIB: with the judge's V8 flags, under which the code cache in LIB was written.
write_command() {
  flags=$("$node_path" "$2/judge-loader.cjs" __node-flags) || { echo "install.sh: $2/judge-loader.cjs cannot be run by $node_path" >&2; exit 1; }
  cat > "$1.compose-guard-tmp" <<SCRIPT
#!/bin/sh
# compose-guard-command (installed by install.sh)
exec "\${COMPOSE_GUARD_NODE:-$node_path}" $flags "$2/judge-loader.cjs" "\$@"
SCRIPT
  chmod 0755 "$1.compose-guard-tmp"
  mv "$1.compose-guard-tmp" "$1"
}

# The man page and shell completions under $1/share, rendered from the same command table as --help.
install_docs() {
  for doc in "man:$1/share/man/man1/compose-guard.1" "bash:$1/share/bash-completion/completions/compose-guard" \
    "zsh:$1/share/zsh/site-functions/_compose-guard"; do
    kind=${doc%%:*} file=${doc#*:}
    mkdir -p "$(dirname "$file")"
    "$node_path" "$2/judge-loader.cjs" __generate "$kind" > "$file.tmp" && mv "$file.tmp" "$file"
  done
}

remove_docs() {
  for doc in "$1/share/man/man1/compose-guard.1" "$1/share/bash-completion/completions/compose-guard" \
    "$1/share/zsh/site-functions/_compose-guard"; do
    if [ -f "$doc" ] && grep -q 'compose-guard' "$doc"; then rm -f "$doc"; fi
  done
}

if [ "$system" = yes ]; then
  . "$repo/scripts/install-system.sh"
  exit 0
fi

prefix=${prefix:-${HOME:?HOME is not set}/.local}
# The shims carry the install paths in single quotes; refuse what cannot be quoted so.
case $prefix in
  *"'"* | *'|'* | *'\'* | *'
'*) echo "install.sh: the prefix must not contain ', |, \\ or a newline: $prefix" >&2; exit 2 ;;
esac
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
bin=$prefix/bin
lib=$prefix/lib/compose-guard
state=${XDG_STATE_HOME:-${HOME:-/nonexistent}/.local/state}/compose-guard
config=${XDG_CONFIG_HOME:-${HOME:-/nonexistent}/.config}/compose-guard

if [ "$action" = uninstall ]; then
  for tool in $tools; do
    if ours "$bin/$tool"; then rm -f "$bin/$tool"; echo "removed $bin/$tool"; fi
  done
  if our_command "$bin/compose-guard"; then rm -f "$bin/compose-guard"; fi
  rm -f "$bin/.compose-guard-shims"
  rm -rf "$lib"
  remove_docs "$prefix"
  echo "compose-guard uninstalled from $prefix"
  if [ "$purge" = yes ]; then
    rm -rf "$config" "$state"
    echo "purged $config and $state (policy, audit, permissions)"
  else
    echo "kept: $config (your policy) and $state (audit, permissions); ./install.sh --uninstall --purge removes them"
  fi
  echo "run 'hash -r' in open shells so they forget the removed shims"
  exit 0
fi

# Never replace a program that is not ours.
for tool in $tools; do
  if [ -e "$bin/$tool" ] && ! ours "$bin/$tool"; then
    echo "install.sh: $bin/$tool is not a compose-guard shim (a real $tool?); refusing to overwrite it. Choose another --prefix." >&2
    exit 1
  fi
done

find_node
build_bundles
mkdir -p "$bin"
install_lib "$lib"
: > "$bin/.compose-guard-shims"
for tool in $tools; do write_shim "$tool" "$bin/$tool" "$lib"; done
write_command "$bin/compose-guard" "$lib"
install_docs "$prefix" "$lib"
echo "compose-guard installed in $bin (docker, docker-compose, compose-guard)"

# Tell the user when the shims are not what PATH finds first.
for tool in $tools; do
  found=$(command -v "$tool" 2>/dev/null || true)
  if [ -z "$found" ]; then
    echo "note: no $tool on PATH at all; the $tool shim will answer 127 until one is installed"
  elif ! ours "$found"; then
    echo "warning: $bin is not ahead of $found on PATH; add this to your shell profile:"
    echo "  export PATH=\"$bin:\$PATH\""
    break
  fi
done
echo "this covers your own shells only; sudo ./install.sh --system covers every user, sudo, cron, systemd and ssh"
