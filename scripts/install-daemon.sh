# Sourced by install.sh for --system --daemon, after the system install (or before the system
# uninstall): the compose-guard authorization plugin as a systemd service, registered with the
# engine through /etc/docker/daemon.json ("authorization-plugins") and a reload of dockerd.
#
# While the plugin is down, dockerd cannot authorize any request: it retries for about 30 s,
# then fails the request. The unit restarts the plugin within a second and starts it before
# docker.service.

unit_file=/etc/systemd/system/compose-guard-daemon.service
daemon_json=/etc/docker/daemon.json
plugin_name=compose-guard
have_systemd=no
[ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1 && have_systemd=yes

# daemon_json_edit add|remove: adds or removes the plugin in daemon.json, keeping every other
# setting; prints "changed" or "unchanged". A daemon.json that is not a JSON object is refused.
daemon_json_edit() {
  "$node_path" - "$1" "$daemon_json" "$plugin_name" <<'NODE'
const fs = require('node:fs');
const [action, file, name] = process.argv.slice(2);
let config = {};
if (fs.existsSync(file)) {
  const text = fs.readFileSync(file, 'utf8');
  try { config = text.trim() === '' ? {} : JSON.parse(text); } catch (e) { console.error(`install.sh: ${file} is not valid JSON (${e.message}); fix it first`); process.exit(1); }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) { console.error(`install.sh: ${file} is not a JSON object; fix it first`); process.exit(1); }
} else if (action === 'remove') { console.log('unchanged'); process.exit(0); }
const before = JSON.stringify(config);
const plugins = Array.isArray(config['authorization-plugins']) ? config['authorization-plugins'].filter((p) => p !== name) : [];
if (action === 'add') config['authorization-plugins'] = [...plugins, name];
else if (plugins.length > 0) config['authorization-plugins'] = plugins;
else delete config['authorization-plugins'];
if (JSON.stringify(config) === before) { console.log('unchanged'); process.exit(0); }
fs.mkdirSync(require('node:path').dirname(file), { recursive: true });
fs.writeFileSync(`${file}.compose-guard-tmp`, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o644 });
fs.renameSync(`${file}.compose-guard-tmp`, file);
console.log('changed');
NODE
}

# Tell a running dockerd to read daemon.json again (authorization-plugins is reloadable).
reload_engine() {
  if [ "$have_systemd" = yes ] && systemctl is-active --quiet docker.service 2>/dev/null; then
    systemctl reload docker.service && echo "reloaded docker.service: the engine asks the plugin from now on"
  elif pidof dockerd >/dev/null 2>&1; then
    echo "note: dockerd runs without systemd; once the plugin runs, reload the engine (SIGHUP to dockerd) so it reads $daemon_json"
  fi
}

daemon_install() {
  cat > "$unit_file.compose-guard-tmp" <<UNIT
# compose-guard-daemon (installed by install.sh --system --daemon)
[Unit]
Description=compose-guard authorization plugin: refuses volume deletion on protected hosts
Documentation=man:compose-guard(1)
Before=docker.service

[Service]
Type=simple
ExecStart=$node_path $sys_lib/judge-loader.cjs daemon
Restart=always
RestartSec=1
RuntimeDirectory=compose-guard
Environment=HOME=/root

[Install]
WantedBy=multi-user.target docker.service
UNIT
  mkdir -p "$(dirname "$unit_file")"
  mv "$unit_file.compose-guard-tmp" "$unit_file"
  echo "unit: $unit_file (ExecStart=$node_path $sys_lib/judge-loader.cjs daemon)"
  if [ "$have_systemd" = yes ]; then
    systemctl daemon-reload
    systemctl enable compose-guard-daemon.service >/dev/null 2>&1
    systemctl restart compose-guard-daemon.service
    i=0
    until [ -S /run/docker/plugins/$plugin_name.sock ] || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
    [ -S /run/docker/plugins/$plugin_name.sock ] || { echo "install.sh: the plugin did not start; see journalctl -u compose-guard-daemon; daemon.json left as it was" >&2; exit 1; }
    echo "plugin running: /run/docker/plugins/$plugin_name.sock"
  else
    echo "note: systemd is not running here; start the plugin by hand, as root: $node_path $sys_lib/judge-loader.cjs daemon &"
  fi
  case $(daemon_json_edit add) in
    changed) echo "registered: \"authorization-plugins\": [\"$plugin_name\"] in $daemon_json"; reload_engine ;;
    unchanged) echo "already registered in $daemon_json" ;;
    *) exit 1 ;;
  esac
}

daemon_uninstall() {
  # Unregister first: an engine that still asks a stopped plugin fails every request.
  case $(daemon_json_edit remove) in
    changed) echo "unregistered the plugin from $daemon_json"; reload_engine ;;
    unchanged) ;;
    *) exit 1 ;;
  esac
  if [ -f "$unit_file" ] && grep -q 'compose-guard-daemon (installed by install.sh' "$unit_file"; then
    if [ "$have_systemd" = yes ]; then
      systemctl disable --now compose-guard-daemon.service >/dev/null 2>&1 || true
    fi
    rm -f "$unit_file"
    [ "$have_systemd" = yes ] && systemctl daemon-reload
    echo "removed $unit_file"
  fi
}
