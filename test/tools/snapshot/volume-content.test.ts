// Counting what a volume holds against a fake engine, for what a real one will not do on demand:
// a connection reset in the middle of the archive fails the count with the reason; it neither
// hangs nor takes the process down.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { streamEngine } from '../../../src/tools/engine-stream.js';
import { countAt } from '../../../src/tools/snapshot/volume-content.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** The start of a tar archive: one file's header announcing 100 kB, and 10 kB of its data. */
function tarStart(): Buffer {
  const header = Buffer.alloc(512);
  header.write('data/big', 0, 'latin1');
  header.write('0000644\0', 100, 'latin1');
  header.write(`${(100_000).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('0', 156, 'latin1');
  return Buffer.concat([header, Buffer.alloc(10_240, 'x')]);
}

/** An engine on loopback tcp whose archive answer is `head`, the archive's start, then a reset. */
async function resettingEngine(head: string): Promise<string> {
  server = createServer((socket: Socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write(Buffer.concat([Buffer.from(head), tarStart()]));
      setTimeout(() => socket.resetAndDestroy(), 50);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `tcp://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('countAt', () => {
  it.each([
    ['delimited by the end of the connection', 'HTTP/1.0 200 OK\r\nContent-Type: application/x-tar\r\n\r\n'],
    ['of an announced length', 'HTTP/1.0 200 OK\r\nContent-Type: application/x-tar\r\nContent-Length: 200000\r\n\r\n'],
  ])('fails on a connection reset mid-archive (%s)', async (_name, head) => {
    const engine = streamEngine(await resettingEngine(head));
    await expect(countAt(engine, 'c', '/data')).rejects.toThrow(/ECONNRESET/);
  });
});
