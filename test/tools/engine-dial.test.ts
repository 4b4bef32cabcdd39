// Reaching an engine as docker does: ssh:// addresses and the ssh command line docker runs, the
// TLS settings docker reads from the environment, and where each kind of address connects.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineDialer, envTls, parseSsh, sshArgv } from '../../src/tools/engine-dial.js';

describe('ssh:// addresses', () => {
  it.each([
    ['ssh://host', { host: 'host' }, ['--', 'host', 'docker', 'system', 'dial-stdio']],
    ['ssh://ops@host:2222', { user: 'ops', host: 'host', port: '2222' }, ['-l', 'ops', '-p', '2222', '--', 'host', 'docker', 'system', 'dial-stdio']],
    ['ssh://ops@10.0.0.5/run/user/1000/docker.sock', { user: 'ops', host: '10.0.0.5', socket: '/run/user/1000/docker.sock' },
      ['-l', 'ops', '--', '10.0.0.5', 'docker', '--host', 'unix:///run/user/1000/docker.sock', 'system', 'dial-stdio']],
  ])('%s', (endpoint, target, argv) => {
    expect(parseSsh(endpoint)).toEqual({ user: undefined, port: undefined, socket: undefined, ...target });
    expect(sshArgv(parseSsh(endpoint))).toEqual(['-o', 'ConnectTimeout=30', ...argv]);
  });

  it.each(['ssh://ops:secret@host', 'ssh://host?x=1', 'ssh://'])('refuses %s', (endpoint) => {
    expect(() => parseSsh(endpoint)).toThrow(/ssh:\/\//);
  });
});

describe('TLS from the environment', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-certs-'));
  writeFileSync(path.join(dir, 'ca.pem'), 'CA');
  writeFileSync(path.join(dir, 'cert.pem'), 'CERT');

  it('none without DOCKER_TLS_VERIFY or DOCKER_TLS', () => {
    expect(envTls({ DOCKER_CERT_PATH: dir }, '/nonexistent')).toBeUndefined();
    expect(envTls({ DOCKER_TLS_VERIFY: '' }, dir)).toBeUndefined();
  });

  it('DOCKER_TLS_VERIFY verifies; DOCKER_TLS does not; the files that are there are read', () => {
    expect(envTls({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }, '/nonexistent')).toEqual({ verify: true, ca: Buffer.from('CA'), cert: Buffer.from('CERT'), key: undefined, from: `DOCKER_CERT_PATH ${dir}` });
    expect(envTls({ DOCKER_TLS: '1' }, dir)).toMatchObject({ verify: false, ca: Buffer.from('CA') });
  });
});

describe('engineDialer', () => {
  it('unix:// and plain tcp:// connect directly; tcp:// with TLS defaults to port 2376', () => {
    expect(engineDialer('unix:///run/docker.sock', undefined, {})).toEqual({ secure: false, options: { socketPath: '/run/docker.sock' } });
    expect(engineDialer('tcp://10.0.0.5', undefined, {})).toEqual({ secure: false, options: { host: '10.0.0.5', port: 2375 } });
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
