#!/bin/sh
# Builds compose-guard-postgres:15, a local image holding Debian 12's own PostgreSQL 15 (the
# postgresql-15 package's binaries and the libraries they link), made with `docker import` as the
# busybox image is: no registry. Called by provision.sh; does nothing when the engine has it.
#
# The image runs as user postgres (uid 999); its entry initialises $PGDATA on first start and
# serves on a unix socket only (the e2e stacks have no network).
set -eu
image=${COMPOSE_GUARD_E2E_PG_IMAGE:-compose-guard-postgres:15}
say() { printf 'provision: %s\n' "$*"; }
docker image inspect "$image" >/dev/null 2>&1 && exit 0

pg=/usr/lib/postgresql/15
if ! [ -x "$pg/bin/postgres" ] || ! [ -x "$pg/bin/psql" ]; then
  say "installing postgresql-15 (binaries only; the image is what runs them)"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15 postgresql-client-15 >/dev/null
fi

root=$(mktemp -d)
chmod 0755 "$root"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/usr/lib/postgresql" "$root/usr/share/postgresql" \
  "$root/var/run/postgresql" "$root/var/lib/postgresql/data" "$root/usr/share/zoneinfo"
chmod 1777 "$root/tmp"
cp -a "$pg" "$root/usr/lib/postgresql/"
rm -f "$root$pg"/lib/llvmjit*.so
rm -rf "$root$pg/lib/bitcode"
cp -a /usr/share/postgresql/15 "$root/usr/share/postgresql/"
cp -a /usr/share/zoneinfo/UTC /usr/share/zoneinfo/Etc "$root/usr/share/zoneinfo/" 2>/dev/null || true
# Every shared library the binaries and modules link, at the same path (symlinks followed).
for elf in "$root$pg"/bin/* "$root$pg"/lib/*.so; do
  ldd "$elf" 2>/dev/null | awk '/=> \//{print $3} /^\t\/lib/{print $1}'
done | sort -u | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
  [ "$applet" = busybox ] || [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\npostgres:x:999:999:PostgreSQL:/var/lib/postgresql:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\npostgres:x:999:\n' > "$root/etc/group"
cat > "$root/bin/pg-start" <<'SCRIPT'
#!/bin/sh
set -e
export PATH=/usr/lib/postgresql/15/bin:$PATH
if ! [ -s "$PGDATA/PG_VERSION" ]; then
  initdb -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null
fi
exec postgres -D "$PGDATA" -c listen_addresses= -c unix_socket_directories=/var/run/postgresql -c fsync=on
SCRIPT
chmod 0755 "$root/bin/pg-start"
chown -R 999:999 "$root/var/run/postgresql" "$root/var/lib/postgresql"
chmod 0700 "$root/var/lib/postgresql/data"
tar -C "$root" -c . | docker import \
  --change 'USER postgres' --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change 'ENV PATH=/usr/lib/postgresql/15/bin:/bin' --change 'ENV TZ=UTC' \
  --change 'VOLUME /var/lib/postgresql/data' --change 'CMD ["/bin/pg-start"]' - "$image" >/dev/null
say "image $image built from Debian's postgresql-15 ($(docker image inspect --format '{{.Size}}' "$image") bytes)"
