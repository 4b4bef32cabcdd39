'use strict';
// The least any judge of `docker compose down -v` must do, and nothing more: start Node, read the
// compose file, ask the engine once which volumes exist (node:net, one HTTP request on its unix
// socket), say "stopped" on stderr and exit 77. No grammar, policy, project model or report. The
// bench runs it beside the real judge so its rows show where the floor of a Node judge lies.
const { readFileSync, writeSync } = require('node:fs');
const { connect } = require('node:net');

const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
const files = readFileSync('docker-compose.yml', 'utf8');
const socket = connect(host.replace(/^unix:\/\//, ''));
let answer = '';
socket.on('connect', () => socket.write('GET /volumes HTTP/1.0\r\nHost: docker\r\n\r\n'));
socket.on('data', (chunk) => { answer += chunk; });
socket.on('error', () => { process.exitCode = 77; });
socket.on('end', () => {
  writeSync(2, `stopped: ${files.length} bytes of compose file, ${answer.length} bytes of engine answer\n`);
  process.exitCode = 77;
});
