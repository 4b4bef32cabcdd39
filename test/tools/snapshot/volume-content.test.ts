// Counting what a volume holds against a fake engine, for what a real one will not do on demand:
// a connection reset in the middle of the archive fails the count with the reason; it neither
// hangs nor takes the process down; an engine that stops sending fails it after the stall time.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { streamEngine, type StreamEngine } from '../../../src/tools/engine-stream.js';
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

const TAR_HEAD = 'HTTP/1.0 200 OK\r\nContent-Type: application/x-tar\r\n\r\n';

/** An engine on loopback tcp that answers the archive's request as `answer` does. */
async function fakeEngine(answer: (socket: Socket) => void): Promise<StreamEngine> {
  server = createServer((socket: Socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => answer(socket));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return streamEngine(`tcp://127.0.0.1:${(server.address() as { port: number }).port}`);
}

describe('countAt', () => {
  it.each([
    ['delimited by the end of the connection', TAR_HEAD],
    ['of an announced length', 'HTTP/1.0 200 OK\r\nContent-Type: application/x-tar\r\nContent-Length: 200000\r\n\r\n'],
  ])('fails on a connection reset mid-archive (%s)', async (_name, head) => {
    // The answer's head, the archive's start, then a reset.
    const engine = await fakeEngine((socket) => {
      socket.write(Buffer.concat([Buffer.from(head), tarStart()]));
      setTimeout(() => socket.resetAndDestroy(), 50);
    });
    await expect(countAt(engine, 'c', '/data')).rejects.toThrow(/ECONNRESET/);
  });

  it('fails when the engine stops sending in the middle of the archive, after the stall time', async () => {
    // The archive's start, then nothing: the connection stays open.
    const engine = await fakeEngine((socket) => socket.write(Buffer.concat([Buffer.from(TAR_HEAD), tarStart()])));
    const started = performance.now();
    await expect(countAt(engine, 'c', '/data', 300)).rejects.toThrow('the engine sent nothing of the archive for 0.3 s');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('counts an archive that arrives slowly but steadily (each pause shorter than the stall time)', async () => {
    const whole = Buffer.concat([tarStart(), Buffer.alloc(100_000 - 10_240, 'x'), Buffer.alloc(512 - (100_000 % 512)), Buffer.alloc(1024)]);
    const engine = await fakeEngine(async (socket) => {
      socket.write(TAR_HEAD);
      for (let at = 0; at < whole.length; at += 16_384) {
        socket.write(whole.subarray(at, at + 16_384));
        await new Promise((r) => setTimeout(r, 100));
      }
      socket.end();
    });
    // Seven pauses of 100 ms, 700 ms in all, against a stall time of 300 ms.
    await expect(countAt(engine, 'c', '/data', 300)).resolves.toEqual({ files: 1, bytes: 100_000, entries: 0 });
  });
});
