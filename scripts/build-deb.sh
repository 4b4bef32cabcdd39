#!/bin/sh
# Builds compose-guard_VERSION_all.deb with dpkg-deb alone, for configuration management
# (apt install ./compose-guard_….deb). The package carries the built judge and install.sh in
# /usr/lib/compose-guard; its postinst runs `install.sh --system` (dpkg-divert of the packages'
# docker and docker-compose, the shims in their place), its prerm `--uninstall --system`, and
# purge removes /etc/compose-guard and the audit and snapshot folders.
#
#   scripts/build-deb.sh [OUTDIR]      (default: dist/)
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/dist}
cd "$repo"
if [ ! -f dist/judge.cjs ] || [ -n "$(find src -newer dist/judge.cjs -print -quit)" ]; then npm run --silent build; fi
version=$(node -p 'require("./package.json").version')
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
lib=$stage/usr/lib/compose-guard

mkdir -p "$lib/dist" "$lib/shims" "$lib/scripts" "$stage/usr/bin" "$stage/DEBIAN" \
  "$stage/usr/share/doc/compose-guard" "$stage/usr/share/man/man1" \
  "$stage/usr/share/bash-completion/completions" "$stage/usr/share/zsh/vendor-completions"
install -m 0644 dist/judge.cjs dist/commands.cjs dist/tools.cjs dist/compose-spec-2_26_1.cjs dist/compose-spec-2_40_3.cjs shims/judge-loader.cjs "$lib/dist/"
install -m 0755 shims/docker shims/docker-compose "$lib/shims/"
install -m 0644 shims/judge-loader.cjs "$lib/shims/"
install -m 0755 install.sh "$lib/install.sh"
install -m 0644 scripts/install-system.sh scripts/install-daemon.sh "$lib/scripts/"
install -m 0644 package.json "$lib/package.json"
install -m 0644 README.md "$stage/usr/share/doc/compose-guard/README.md"
node dist/judge.cjs __generate man | gzip -9n > "$stage/usr/share/man/man1/compose-guard.1.gz"
node dist/judge.cjs __generate bash > "$stage/usr/share/bash-completion/completions/compose-guard"
node dist/judge.cjs __generate zsh > "$stage/usr/share/zsh/vendor-completions/_compose-guard"

# The command runs the node install.sh recorded (install.env), which the shims use too.
# With the judge's V8 flags, under which install.sh writes the code cache.
flags=$(node shims/judge-loader.cjs __node-flags)
cat > "$stage/usr/bin/compose-guard" <<SCRIPT
#!/bin/sh
# compose-guard-command (from the compose-guard package)
node=\$(sed -n 's/^node=//p' /usr/lib/compose-guard/dist/install.env 2>/dev/null)
exec "\${COMPOSE_GUARD_NODE:-\${node:-node}}" $flags /usr/lib/compose-guard/dist/judge-loader.cjs "\$@"
SCRIPT
chmod 0755 "$stage/usr/bin/compose-guard"

cat > "$stage/DEBIAN/control" <<CONTROL
Package: compose-guard
Version: $version
Architecture: all
Maintainer: compose-guard maintainers <compose-guard@localhost>
Depends: nodejs (>= 20), dpkg (>= 1.17)
Recommends: docker.io | docker-ce-cli
Section: admin
Priority: optional
Installed-Size: $(du -sk "$stage/usr" | cut -f1)
Description: stops docker and docker-compose from destroying volumes on protected hosts
 Shims ahead of docker and docker-compose read each command line as Docker
 does, resolve which volumes it would destroy and apply the host's policy
 (/etc/compose-guard/policy.yaml): production stops it, staging asks, ci
 resets. The package diverts /usr/bin/docker and /usr/bin/docker-compose
 (dpkg-divert), so every route on the host is guarded: login shells, sudo,
 cron, systemd units, ssh and callers by absolute path.
CONTROL

cat > "$stage/DEBIAN/postinst" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = configure ]; then /usr/lib/compose-guard/install.sh --system; fi
SCRIPT
cat > "$stage/DEBIAN/prerm" <<'SCRIPT'
#!/bin/sh
set -e
# An upgrade keeps the diversions: the new postinst places the new shims.
case "$1" in remove | deconfigure) /usr/lib/compose-guard/install.sh --uninstall --system ;; esac
SCRIPT
cat > "$stage/DEBIAN/postrm" <<'SCRIPT'
#!/bin/sh
set -e
if [ "$1" = purge ]; then rm -rf /etc/compose-guard /var/lib/compose-guard /var/log/compose-guard; fi
SCRIPT
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm" "$stage/DEBIAN/postrm"

mkdir -p "$out"
deb=$out/compose-guard_${version}_all.deb
dpkg-deb --root-owner-group --build "$stage" "$deb" >/dev/null
echo "$deb"
