'use strict';
// The floor of any authorization plugin, for the bench: one that allows every request at once,
// without reading it. The bench starts it in place of compose-guard's plugin (same socket, same
// engine) and times the same everyday requests through it. Usage: node noop-plugin.cjs SOCKET
const { createServer } = require('node:http');
const { rmSync } = require('node:fs');

const socket = process.argv[2];
rmSync(socket, { force: true });
createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = req.url === '/Plugin.Activate' ? '{"Implements":["authz"]}' : '{"Allow":true}';
    res.writeHead(200, { 'Content-Type': 'application/vnd.docker.plugins.v1.2+json', 'Content-Length': body.length }).end(body);
  });
}).listen(socket);
