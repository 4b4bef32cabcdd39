# Runs inside test/helpers/sandbox.sh: `install.sh --system` on a production-tagged host, then
# `down -v` through every route a command reaches docker by. Prints one line per step:
#   sum BEFORE|AFTER FILE SHA256      route NAME STATUS      (logs in OUT/NAME.log)
#
#   sh system-routes.sh REPO PROJECT OUT SSH_PORT
set -u
repo=$1 project=$2 out=$3 port=$4
down="cd '$project' && docker compose down -v"

sums() { for f in /usr/bin/docker /usr/bin/docker-compose; do echo "sum $1 $f $(sha256sum < "$f" | cut -d' ' -f1)"; done; }
route() {
  name=$1
  shift
  "$@" > "$out/$name.log" 2>&1 < /dev/null
  echo "route $name $?"
}

# A Debian host: docker and docker-compose come from their packages only.
if ! dpkg-query -S /usr/local/bin/docker > /dev/null 2>&1; then rm -f /usr/local/bin/docker /usr/local/bin/docker-compose; fi
useradd --create-home --groups docker --shell /bin/bash alice
sums BEFORE
"$repo/install.sh" --system > "$out/install.log" 2>&1 || { echo "install failed"; cat "$out/install.log"; exit 1; }
echo 'environment: production' > /etc/compose-guard/policy.yaml

route login-root su --login root --command "$down"
route login-user su --login alice --command "$down"
route sudo sh -c "cd '$project' && PATH=/usr/sbin:/usr/bin:/sbin:/bin sudo -n docker compose down -v"
echo 'alice ALL=(ALL:ALL) NOPASSWD: ALL' > /etc/sudoers.d/alice
route sudo-user su --login alice --command "cd '$project' && sudo -n docker compose down -v"
route cron env -i PATH=/usr/bin:/bin SHELL=/bin/sh HOME=/root LOGNAME=root sh -c "$down"
route systemd env -i PATH="$(systemd-path search-binaries-default 2> /dev/null || echo /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin)" INVOCATION_ID=0 sh -c "$down"
route env-i env -i sh -c "$down"
route absolute env -i sh -c "cd '$project' && /usr/bin/docker compose down -v"
route absolute-v1 env -i sh -c "cd '$project' && /usr/bin/docker-compose down -v"

# ssh host '…': a real sshd on loopback, key login for root and alice; PATH is sshd's own.
ssh-keygen -A > /dev/null 2>&1
mkdir -p /run/sshd /root/.ssh
ssh-keygen -q -t ed25519 -N '' -f "$out/id" > /dev/null
for home in /root /home/alice; do
  mkdir -p "$home/.ssh"
  cp "$out/id.pub" "$home/.ssh/authorized_keys"
  chown -R "$(stat -c %U "$home"):" "$home/.ssh"
  chmod 700 "$home/.ssh"
done
/usr/sbin/sshd -p "$port" -o ListenAddress=127.0.0.1 -o PermitRootLogin=prohibit-password -o PidFile="$out/sshd.pid" \
  -o StrictModes=no -E "$out/sshd.log"
ssh_to() { ssh -p "$port" -i "$out/id" -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "$@"; }
route ssh-root ssh_to root@127.0.0.1 "$down"
route ssh-user ssh_to alice@127.0.0.1 "$down"
[ -f "$out/sshd.pid" ] && kill "$(cat "$out/sshd.pid")"

"$repo/install.sh" --uninstall --system > "$out/uninstall.log" 2>&1 || echo "uninstall failed"
sums AFTER
echo "volumes $(env -i PATH=/usr/bin:/bin docker volume ls -q --filter label=com.docker.compose.project="${project##*/}" | tr '\n' ' ')"
# Without the guard the same command really destroys: the routes above were stopped by it alone.
route control env -i PATH=/usr/bin:/bin sh -c "$down"
