# Shell functions the scripts that start a private engine share (provision.sh, authz-engine.sh).
# Sourced, not run; the caller defines say() for its progress lines.

# wait_for_engine SOCKET LOG NAME: until the engine on SOCKET answers, at most 30 s; else the
# end of its LOG on stderr and exit 1.
wait_for_engine() {
  i=0
  until DOCKER_HOST="unix://$1" docker version >/dev/null 2>&1; do
    i=$((i + 1))
    if [ $i -gt 300 ]; then
      echo "$3: dockerd did not answer within 30 s; its log:" >&2
      tail -n 40 "$2" >&2
      exit 1
    fi
    sleep 0.1
  done
}

# busybox_image SOCKET IMAGE: the tiny local image made from the machine's busybox (no registry
# is reachable), unless the engine on SOCKET has it already.
busybox_image() {
  DOCKER_HOST="unix://$1" docker image inspect "$2" >/dev/null 2>&1 && return 0
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
  done
  tar -C "$root" -c . | DOCKER_HOST="unix://$1" docker import --change 'CMD ["sleep","3600"]' - "$2" >/dev/null
  rm -rf "$root"
  say "image $2 built from busybox"
}
