#!/bin/sh
# A throwaway root for tests that must change /usr, /etc and dpkg's database: a private mount
# namespace with a copy-on-write overlay over /usr, /etc, /var, /root, /home and /run. Changes
# land in WORK/*/upper and vanish with the namespace; this machine's own files never change.
#
#   test/helpers/sandbox.sh WORK SCRIPT [ARGS...]     (as root) runs `sh SCRIPT ARGS...` inside
#
# /tmp stays shared with the machine (the engine's socket, projects): scripts keep their own
# files in $SCRATCH, a folder of this sandbox alone.
# DOCKER_SOCKET, when set, becomes /run/docker.sock inside, so every route (env -i, cron, su -l)
# reaches that engine as its default one.
set -eu
if [ -z "${CG_SANDBOX_INSIDE:-}" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "sandbox: must run as root (mount namespace)" >&2; exit 1; }
  CG_SANDBOX_INSIDE=1 exec unshare --mount --propagation private "$0" "$@"
fi
unset CG_SANDBOX_INSIDE
work=$1
shift
for dir in /usr /etc /var /root /home /run; do
  name=$(echo "$dir" | tr / _)
  mkdir -p "$work/$name/upper" "$work/$name/work"
  mount -t overlay overlay -o "lowerdir=$dir,upperdir=$work/$name/upper,workdir=$work/$name/work" "$dir"
done
# No engine but ours: the default socket is the test's engine.
rm -f /run/docker.sock
[ -z "${DOCKER_SOCKET:-}" ] || ln -s "$DOCKER_SOCKET" /run/docker.sock
SCRATCH=$work/scratch
mkdir -p "$SCRATCH"
export SCRATCH
exec sh "$@"
