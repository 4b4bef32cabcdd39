// A pass-through that hashes (sha256) what flows through it.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback, type Readable } from 'node:stream';

export class HashTap extends Transform {
  private readonly hash = createHash('sha256');
  digest = '';

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    done();
  }
}

/** The sha256 of a whole stream, read to its end. */
export async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
