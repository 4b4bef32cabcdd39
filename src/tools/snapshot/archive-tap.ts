// The one pass-through a volume's archive takes on its way to the store: it counts files and
// bytes (for the manifest), hashes (sha256, the snapshot's identity) and draws the progress
// line, all in the same step, so each chunk is touched once and handed on unchanged.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ProgressLine } from './progress.js';
import { TarCounter, type TarCount } from './tar-count.js';

export class ArchiveTap extends Transform {
  private readonly counter = new TarCounter();
  private readonly hash = createHash('sha256');
  /** The sha256 of everything that passed, once the stream has ended. */
  digest = '';

  constructor(private readonly progress: ProgressLine = new ProgressLine('', undefined)) {
    // Chunks of the engine's socket (64 KiB) pass without a stall at each one.
    super({ highWaterMark: 1 << 20 });
  }

  get count(): TarCount {
    return this.counter.count;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.counter.consume(chunk);
    this.hash.update(chunk);
    this.progress.add(chunk.length);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.digest = this.hash.digest('hex');
    this.progress.end();
    done();
  }
}
