#!/bin/sh
# Installs compose-guard: the docker and docker-compose shims and the compose-guard command
# into DIR/bin, the judge into DIR/lib/compose-guard. Builds the judge first when needed.
#
#   ./install.sh [--prefix DIR]      install (default DIR: ~/.local); safe to run again
#   ./install.sh --uninstall [--prefix DIR]
set -eu

usage() {
  echo "usage: ./install.sh [--prefix DIR] [--uninstall]" >&2
  exit 2
}

prefix=${HOME:?HOME is not set}/.local
action=install
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || usage; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h | --help) usage ;;
    *) echo "install.sh: unknown option $1" >&2; usage ;;
  esac
done

repo=$(cd "$(dirname "$0")" && pwd)
# The shims carry the install paths in single quotes; refuse what cannot be quoted so.
case $prefix in
  *"'"* | *'|'* | *'\'* | *'
'*) echo "install.sh: the prefix must not contain ', |, \\ or a newline: $prefix" >&2; exit 2 ;;
esac
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
bin=$prefix/bin
lib=$prefix/lib/compose-guard
tools="docker docker-compose"
man_page=$prefix/share/man/man1/compose-guard.1
bash_completion=$prefix/share/bash-completion/completions/compose-guard
zsh_completion=$prefix/share/zsh/site-functions/_compose-guard

ours() { [ -f "$1" ] && grep -q 'compose-guard-shim' "$1" 2>/dev/null; }

if [ "$action" = uninstall ]; then
  for tool in $tools; do
    if ours "$bin/$tool"; then rm -f "$bin/$tool"; echo "removed $bin/$tool"; fi
  done
  if [ -f "$bin/compose-guard" ] && grep -q 'compose-guard-command' "$bin/compose-guard"; then rm -f "$bin/compose-guard"; fi
  rm -f "$bin/.compose-guard-shims"
  rm -rf "$lib"
  for doc in "$man_page" "$bash_completion" "$zsh_completion"; do
    if [ -f "$doc" ] && grep -q 'compose-guard' "$doc"; then rm -f "$doc"; fi
  done
  echo "compose-guard uninstalled from $prefix"
  exit 0
fi

# Never replace a program that is not ours.
for tool in $tools; do
  if [ -e "$bin/$tool" ] && ! ours "$bin/$tool"; then
    echo "install.sh: $bin/$tool is not a compose-guard shim (a real $tool?); refusing to overwrite it. Choose another --prefix." >&2
    exit 1
  fi
done

node_path=$(command -v node) || { echo "install.sh: node (>= 20) is required" >&2; exit 1; }
node_major=$("$node_path" -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { echo "install.sh: node >= 20 is required (found $("$node_path" --version))" >&2; exit 1; }

# Set-up: dependencies and the bundled judge.
if [ ! -d "$repo/node_modules" ]; then (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error); fi
if [ ! -f "$repo/dist/judge.cjs" ] || [ -n "$(find "$repo/src" -newer "$repo/dist/judge.cjs" -print -quit)" ]; then
  (cd "$repo" && npm run --silent build)
fi

mkdir -p "$bin" "$lib"
for bundle in judge.cjs commands.cjs tools.cjs; do
  cp "$repo/dist/$bundle" "$lib/$bundle.tmp" && mv "$lib/$bundle.tmp" "$lib/$bundle"
done
cp "$repo/shims/judge-loader.cjs" "$lib/judge-loader.cjs.tmp" && mv "$lib/judge-loader.cjs.tmp" "$lib/judge-loader.cjs"
rm -f "$lib/judge.cjs.cache" "$lib/commands.cjs.cache"
# V8 code cache for this node; without it the judge still works, only slower to start.
"$node_path" "$lib/judge-loader.cjs" --write-code-cache || echo "note: no code cache written; the judge will start slower" >&2
: > "$bin/.compose-guard-shims"
for tool in $tools; do
  sed -e "s|^guard_lib=.*|guard_lib='$lib'|" -e "s|^guard_node=.*|guard_node='$node_path'|" \
    "$repo/shims/$tool" > "$bin/$tool.tmp"
  chmod 0755 "$bin/$tool.tmp"
  mv "$bin/$tool.tmp" "$bin/$tool"
done
cat > "$bin/compose-guard.tmp" <<SCRIPT
#!/bin/sh
# compose-guard-command (installed by install.sh)
exec "\${COMPOSE_GUARD_NODE:-$node_path}" "$lib/judge-loader.cjs" "\$@"
SCRIPT
chmod 0755 "$bin/compose-guard.tmp"
mv "$bin/compose-guard.tmp" "$bin/compose-guard"
# The man page and shell completions, rendered from the same command table as --help.
for doc in "man:$man_page" "bash:$bash_completion" "zsh:$zsh_completion"; do
  kind=${doc%%:*} file=${doc#*:}
  mkdir -p "$(dirname "$file")"
  "$node_path" "$lib/judge-loader.cjs" __generate "$kind" > "$file.tmp" && mv "$file.tmp" "$file"
done
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
