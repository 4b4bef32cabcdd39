// An archive downloaded as HTTP/1.0: the engine then sends the body as it is, delimited by the
// end of the connection, with no chunk framing for Node's HTTP parser to take apart. The body is
// the connection itself, handed on after the response head, so a volume's bytes pass through one
// stream on their way to the store (measured on a 512 MB volume: a third less CPU than the same
// download through node:http). An early end of the connection looks like the end of the body
// here; the readers of an archive tell the two apart by the tar stream's own end (tar-count.ts).
import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type Duplex, type Readable } from 'node:stream';

/** The most a response head may take; an engine's is a few hundred bytes. */
const HEAD_CAP = 64 << 10;
/** The most an error's body may take (its message). */
const ERROR_CAP = 1 << 20;

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body, read until the engine closes the connection. */
  body: Readable & { headers: IncomingHttpHeaders };
}

export class RawHttpError extends Error {}

function parseHead(head: string): { status: number; headers: IncomingHttpHeaders } {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!match) throw new RawHttpError(`the engine's answer does not start as HTTP does: ${JSON.stringify(statusLine.slice(0, 80))}`);
  const headers: IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers };
}

/**
 * Sends `GET route` on a new connection and resolves once the response head has arrived (within
 * `headTimeoutMs`, or until `signal` aborts). The connection's writing side is left open: the
 * engine takes a closed one as a client gone away and stops sending.
 */
export function rawGet(connection: Duplex, route: string, headTimeoutMs: number, signal?: AbortSignal): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let head: Buffer = Buffer.alloc(0);
    const timer = setTimeout(() => fail(new RawHttpError(`${route}: no answer within ${headTimeoutMs} ms`)), headTimeoutMs);
    const onAbort = () => fail(signal!.reason instanceof Error ? signal!.reason : new RawHttpError(`${route}: interrupted`));
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      connection.off('data', onData);
      connection.off('error', fail);
      connection.off('end', onEnd);
    };
    function fail(error: Error): void {
      done();
      connection.destroy();
      reject(error);
    }
    function onEnd(): void {
      fail(new RawHttpError(`${route}: the engine closed the connection before its answer`));
    }
    function onData(chunk: Buffer): void {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > HEAD_CAP) fail(new RawHttpError(`${route}: the answer's head exceeds ${HEAD_CAP} bytes`));
        return;
      }
      let parsed: ReturnType<typeof parseHead>;
      try {
        parsed = parseHead(head.subarray(0, end).toString('latin1'));
      } catch (error) {
        fail(error as Error);
        return;
      }
      if (/chunked/i.test(String(parsed.headers['transfer-encoding'] ?? ''))) {
        fail(new RawHttpError(`${route}: the engine answered an HTTP/1.0 request in chunks`));
        return;
      }
      done();
      connection.pause();
      const rest = head.subarray(end + 4);
      if (rest.length > 0) connection.unshift(rest);
      const length = parsed.headers['content-length'];
      const body = Object.assign(length === undefined ? (connection as Readable) : exactly(connection, Number(length), route), { headers: parsed.headers });
      resolve({ ...parsed, body });
    }
    connection.on('data', onData);
    connection.on('error', fail);
    connection.on('end', onEnd);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    connection.write(`GET ${route} HTTP/1.0\r\nHost: docker\r\nUser-Agent: compose-guard\r\n\r\n`);
  });
}

/**
 * The body when the engine said how long it is: an end before that is a failure, not an end, and
 * anything after it is not part of the body.
 */
function exactly(connection: Duplex, length: number, route: string): Readable {
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      const part = chunk.subarray(0, Math.max(0, length - seen));
      seen += part.length;
      next(null, part.length > 0 ? part : undefined);
    },
    flush(next) {
      next(seen >= length ? null : new RawHttpError(`${route}: the answer ended after ${seen} of its ${length} bytes`));
    },
  });
  connection.on('error', (e) => counted.destroy(e));
  counted.on('close', () => connection.destroy());
  return connection.pipe(counted);
}

/**
 * An error response's body, as text, up to ERROR_CAP bytes. A body cut short still gives what
 * arrived of the engine's message, and says so: the status and the message are kept either way.
 */
export async function errorText(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  let lost = '';
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > ERROR_CAP) break;
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    lost = ` (the rest was lost: ${(error as Error).message})`;
  }
  body.destroy();
  return Buffer.concat(chunks).toString('utf8') + lost;
}
