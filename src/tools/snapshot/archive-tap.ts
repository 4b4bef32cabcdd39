// The one pass-through a volume's archive takes on its way to the store: it counts files and
// bytes (for the manifest), hashes (sha256, the snapshot's identity) and draws the progress
// line, all in the same step, so each chunk is touched once. The engine's socket delivers
// chunks of 64 KiB or less; they are handed on in runs of about 1 MiB, so the store's program
// (zstd, restic) is written to with a sixteenth of the calls: measured, that saves a tenth of the
// copy's CPU time. An engine that stops sending while the store waits for more fails the copy
// after `stallMs` (the writers stay paused while it waits); a store that is slow to take what it
// was given is waited for, however long.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ProgressLine } from './progress.js';
import { STALL_MS, stallWatch, type StallWatch } from './stall-watch.js';
import { TarCounter, type TarCount } from './tar-count.js';

const RUN = 1 << 20;

export class ArchiveTap extends Transform {
  private readonly counter = new TarCounter();
  private readonly hash = createHash('sha256');
  /** The sha256 of everything that passed, once the stream has ended. */
  digest = '';
  private held: Buffer[] = [];
  private heldBytes = 0;
  private readonly watch: StallWatch;

  constructor(private readonly progress: ProgressLine = new ProgressLine('', undefined), stallMs = STALL_MS) {
    // Chunks of the engine's socket (64 KiB) pass without a stall at each one.
    super({ highWaterMark: 1 << 20 });
    // The wait is the engine's when nothing is queued here and the store has room for more.
    this.watch = stallWatch(stallMs, () => this.writableLength === 0 && this.readableLength < this.readableHighWaterMark,
      () => this.destroy(new Error(`the engine sent nothing of the archive for ${stallMs / 1000} s while the store waited for more`)));
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.watch.stop();
    done(error);
  }

  get count(): TarCount {
    return this.counter.count;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.watch.seen();
    this.counter.consume(chunk);
    this.hash.update(chunk);
    this.progress.add(chunk.length);
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (this.heldBytes >= RUN) this.handOn();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.watch.stop();
    const failure = this.counter.failure();
    if (failure) {
      done(failure);
      return;
    }
    this.handOn();
    this.digest = this.hash.digest('hex');
    this.progress.end();
    done();
  }

  private handOn(): void {
    if (this.heldBytes === 0) return;
    this.push(this.held.length === 1 ? this.held[0] : Buffer.concat(this.held, this.heldBytes));
    this.held = [];
    this.heldBytes = 0;
  }
}
