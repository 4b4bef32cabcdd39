// The tools' HTTP options for each kind of address (the dialling itself: test/daemon/engine-*.test.ts),
// and HTTP spoken over the stdio of an ssh.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineDialer } from '../../src/tools/engine-dial.js';

describe('engineDialer', () => {
  it('unix:// and plain tcp:// connect directly; tcp:// with TLS defaults to port 2376', () => {
    expect(engineDialer('unix:///run/docker.sock', undefined, {})).toEqual({ secure: false, options: { socketPath: '/run/docker.sock' }, open: expect.any(Function) });
    expect(engineDialer('tcp://10.0.0.5', undefined, {})).toEqual({ secure: false, options: { host: '10.0.0.5', port: 2375 }, open: expect.any(Function) });
    const tls = engineDialer('tcp://engine.example:2376', { verify: true, ca: Buffer.from('CA'), from: 'x' }, {});
    expect(tls).toMatchObject({ secure: true, options: { host: 'engine.example', port: 2376, servername: 'engine.example', rejectUnauthorized: true } });
    expect(engineDialer('tcp://127.0.0.1', { verify: false, from: 'x' }, {}).options).toMatchObject({ port: 2376, servername: '', rejectUnauthorized: false });
  });

  it('refuses TLS verification without a CA, and addresses it cannot reach', () => {
    expect(() => engineDialer('tcp://h:2376', { verify: true, from: 'DOCKER_CERT_PATH /x' }, {})).toThrow('no ca.pem in DOCKER_CERT_PATH /x');
    expect(() => engineDialer('npipe:////./pipe/docker_engine', undefined, {})).toThrow(/cannot be reached/);
  });

  it('ssh:// goes through an agent that keeps its connections', () => {
    const dialer = engineDialer('ssh://ops@host', undefined, {});
    expect(dialer.secure).toBe(false);
    expect(dialer.options.agent).toMatchObject({ keepAlive: true });
  });

  // A stand-in for ssh on PATH: what it does is the test's; the connection around it is the real one.
  function fakeSsh(script: string): Record<string, string> {
    const dir = mkdtempSync(path.join(tmpdir(), 'cg-ssh-'));
    writeFileSync(path.join(dir, 'ssh'), `#!${process.execPath}\n${script}`);
    chmodSync(path.join(dir, 'ssh'), 0o755);
    return { PATH: `${dir}:${process.env.PATH ?? ''}` };
  }
  function get(env: Record<string, string>): Promise<string> {
    const dialer = engineDialer('ssh://nobody@host', undefined, env);
    return new Promise((resolve, reject) => {
      const req = request({ ...dialer.options, path: '/version', method: 'GET' }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => { body += d.toString(); });
        res.on('end', () => resolve(body));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('an ssh that fails at once is reported with its status and message, never as an early end', async () => {
    // ssh's exit is seen before its output ends (here something it started holds the output a
    // little longer): the input is gone at once, yet the exit status must still be what is told.
    const env = fakeSsh(`require('node:child_process').spawn('sleep', ['0.2'], { stdio: ['ignore', 'inherit', 'ignore'] }).unref();
process.stderr.write('nobody@host: Permission denied (publickey).\\n');
process.exit(255);`);
    for (let i = 0; i < 5; i += 1) {
      await expect(get(env)).rejects.toThrow('ssh to host ended with status 255: nobody@host: Permission denied (publickey).');
    }
  });

  it('speaks HTTP over the stdio of ssh', async () => {
    const env = fakeSsh(`let seen = '';
process.stdin.on('data', (d) => {
  seen += d;
  if (seen.includes('\\r\\n\\r\\n')) {
    process.stdout.write('HTTP/1.1 200 OK\\r\\nContent-Length: 13\\r\\nConnection: close\\r\\n\\r\\n' + JSON.stringify(seen.split(' ')[1]).padEnd(13));
  }
});
process.stdin.on('end', () => process.exit(0));`);
    expect((await get(env)).trim()).toBe('"/version"');
  });
});
