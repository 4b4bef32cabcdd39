# Sourced by install.sh for --system: installs compose-guard for every user and every route on
# this host, or removes it again, restoring the diverted programs byte for byte.
#
# Where each tool's shim goes:
#   /usr/bin/TOOL owned by a Debian package, or absent: dpkg-divert moves the package's file to
#     /usr/lib/compose-guard/real/TOOL (and every later upgrade with it) and the shim takes
#     /usr/bin/TOOL. Every PATH has /usr/bin (cron: /usr/bin:/bin), and callers of /usr/bin/TOOL by
#     its absolute path meet the shim too.
#   /usr/bin/TOOL owned by no package: it is never overwritten; the shim goes to /usr/local/bin,
#     ahead of /usr/bin on every PATH but cron's (doctor reports that route).
# A TOOL in /usr/local/bin that no package owns and that is not ours stops the install: it is
# ahead of any shim this installer could place.

sys_bin=/usr/local/bin
sys_lib=/usr/local/lib/compose-guard
divert_dir=/usr/lib/compose-guard/real
etc_dir=/etc/compose-guard
var_dirs="/var/lib/compose-guard /var/log/compose-guard"
command_file=$sys_bin/compose-guard
# The .deb ships the judge in /usr/lib/compose-guard/dist and its own /usr/bin/compose-guard.
purge_hint="'$0 --uninstall --system --purge'"
if [ "$repo" = /usr/lib/compose-guard ]; then sys_lib=$repo/dist; command_file=; purge_hint="'apt purge compose-guard'"; fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: --system changes /usr and /etc: run it as root (sudo $0 --system$([ "$action" = uninstall ] && echo ' --uninstall' || true))" >&2
  exit 1
fi
have_dpkg=no
command -v dpkg-divert >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 && have_dpkg=yes

# The path dpkg knows TOOL by (/usr/bin or, on merged /usr, /bin), if a package owns it.
package_path() {
  [ "$have_dpkg" = yes ] || return 1
  for p in "/usr/bin/$1" "/bin/$1"; do
    if dpkg-query -S "$p" >/dev/null 2>&1; then echo "$p"; return 0; fi
  done
  return 1
}

diverted_by_us() { [ "$have_dpkg" = yes ] && [ "$(dpkg-divert --listpackage "$1" 2>/dev/null)" = compose-guard ]; }
diverted_by_other() { [ "$have_dpkg" = yes ] && [ -n "$(dpkg-divert --listpackage "$1" 2>/dev/null)" ] && ! diverted_by_us "$1"; }

# divert: the shim replaces /usr/bin/TOOL; local: the shim goes to /usr/local/bin.
placement() {
  if diverted_by_us "/usr/bin/$1" || ours "/usr/bin/$1"; then echo divert
  elif diverted_by_other "/usr/bin/$1"; then echo local
  elif package_path "$1" >/dev/null; then echo divert
  elif [ -e "/usr/bin/$1" ] || [ -L "/usr/bin/$1" ]; then echo local
  elif [ "$have_dpkg" = yes ]; then echo divert
  else echo local
  fi
}

system_uninstall() {
  for tool in $tools; do
    if diverted_by_us "/usr/bin/$tool"; then
      ours "/usr/bin/$tool" && rm -f "/usr/bin/$tool"
      dpkg-divert --package compose-guard --remove --rename --divert "$divert_dir/$tool" "/usr/bin/$tool" >/dev/null
      echo "restored /usr/bin/$tool$([ -e "/usr/bin/$tool" ] || echo ' (absent before the install: nothing to restore)')"
    fi
    if ours "$sys_bin/$tool"; then rm -f "$sys_bin/$tool"; echo "removed $sys_bin/$tool"; fi
  done
  etc_created=no
  [ -f "$sys_lib/install.env" ] && etc_created=$(sed -n 's/^etc_created=//p' "$sys_lib/install.env")
  if [ -n "$command_file" ]; then
    if our_command "$command_file"; then rm -f "$command_file"; fi
    rm -rf "$sys_lib"
    remove_docs /usr/local
  else
    rm -f "$sys_lib"/*.cjs.cache "$sys_lib/install.env"
  fi
  rmdir "$divert_dir" /usr/lib/compose-guard 2>/dev/null || true
  echo "compose-guard uninstalled from this host"
  if [ "$purge" = yes ]; then
    for d in "$etc_dir" $var_dirs; do
      if [ -e "$d" ]; then rm -rf "$d"; echo "purged $d"; fi
    done
  else
    [ "$etc_created" = yes ] && rmdir "$etc_dir" 2>/dev/null || true
    kept=
    for d in "$etc_dir" $var_dirs; do [ -e "$d" ] && kept="$kept $d"; done
    if [ -n "$kept" ]; then
      echo "kept:$kept (policies, audit, permissions, snapshots); $purge_hint removes them"
    fi
  fi
  echo "run 'hash -r' in open shells so they forget the removed shims"
}

system_install() {
  # Check everything first: a refused install changes nothing.
  for tool in $tools; do
    if [ -e "$sys_bin/$tool" ] && ! ours "$sys_bin/$tool"; then
      if [ -e "/usr/bin/$tool" ]; then fix="remove it (rm $sys_bin/$tool; /usr/bin/$tool stays)"
      else fix="move it to /usr/bin (mv $sys_bin/$tool /usr/bin/$tool)"; fi
      echo "install.sh: $sys_bin/$tool is a $tool that is not a compose-guard shim; it comes before /usr/bin on every PATH, so no shim could guard it, and compose-guard will not overwrite it. To guard this host, $fix, then run this again." >&2
      exit 1
    fi
  done
  find_node
  # Every user's shims run this node: it must be reachable for all, not only from root's home.
  node_real=$(readlink -f "$node_path")
  d=$node_real
  while [ "$d" != / ]; do
    [ "$(stat -c %A "$d" | cut -c10)" = x ] || { echo "install.sh: $node_real cannot be run by other users ($d is not world-accessible); install Node >= 20 for the whole host (e.g. apt-get install nodejs)" >&2; exit 1; }
    d=$(dirname "$d")
  done
  build_bundles
  if [ -n "$command_file" ]; then
    install_lib "$sys_lib"
    write_command "$command_file" "$sys_lib"
    install_docs /usr/local "$sys_lib"
  else
    rm -f "$sys_lib"/*.cjs.cache
    "$node_path" "$sys_lib/judge-loader.cjs" --write-code-cache || echo "note: no code cache written; the judge will start slower" >&2
  fi
  for tool in $tools; do
    if [ "$(placement "$tool")" = divert ]; then
      # The shim is ready beside its place before the diversion moves the real program away.
      write_shim "$tool" "/usr/bin/.$tool.compose-guard-new" "$sys_lib" "$divert_dir/$tool"
      if ! diverted_by_us "/usr/bin/$tool"; then
        mkdir -p "$divert_dir"
        rename=--rename
        ours "/usr/bin/$tool" && rename=--no-rename
        dpkg-divert --package compose-guard --add $rename --divert "$divert_dir/$tool" "/usr/bin/$tool" >/dev/null
        echo "diverted /usr/bin/$tool to $divert_dir/$tool"
      fi
      mv "/usr/bin/.$tool.compose-guard-new" "/usr/bin/$tool"
      # One shim per route: an older /usr/local/bin shim would judge the same command twice.
      if ours "$sys_bin/$tool"; then rm -f "$sys_bin/$tool"; fi
      echo "shim: /usr/bin/$tool -> $divert_dir/$tool"
    else
      write_shim "$tool" "$sys_bin/$tool" "$sys_lib"
      echo "shim: $sys_bin/$tool (/usr/bin/$tool belongs to no package; not diverted, so cron's PATH=/usr/bin:/bin is not covered)"
    fi
  done
  etc_created=no
  [ -d "$etc_dir" ] || { mkdir -p "$etc_dir"; etc_created=yes; }
  if [ -f "$sys_lib/install.env" ]; then
    etc_created=$(sed -n 's/^etc_created=//p' "$sys_lib/install.env")
  fi
  chown root:root "$etc_dir"
  chmod go-w "$etc_dir"
  printf 'node=%s\nnode_version=%s\netc_created=%s\n' "$node_path" "$("$node_path" --version)" "$etc_created" > "$sys_lib/install.env"
  echo "compose-guard installed for every user (judge in $sys_lib, node $node_path $("$node_path" --version), host policy in $etc_dir)"
  if [ ! -f "$etc_dir/policy.yaml" ]; then
    echo "this host has no policy yet; tag it, e.g.: echo 'environment: production' > $etc_dir/policy.yaml"
  fi
  echo "check every route: compose-guard doctor"
}

. "$repo/scripts/install-daemon.sh"
if [ "$action" = uninstall ]; then
  # The plugin goes first, whether or not --daemon was given: an engine left asking a removed
  # plugin would fail every request.
  find_node
  daemon_uninstall
  system_uninstall
else
  system_install
  [ "$daemon" = no ] || daemon_install
fi
