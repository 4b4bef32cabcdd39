// The progress line of long work: bytes, rate and the expected size, redrawn on a terminal's
// stderr at most five times a second; nothing at all when stderr is not a terminal.
import { Transform, type TransformCallback } from 'node:stream';
import { humanBytes } from '../../cli/human.js';

export { humanAge, humanBytes } from '../../cli/human.js';

export class ProgressLine {
  bytes = 0;
  private readonly started = Date.now();
  private last = 0;

  constructor(private readonly label: string, private readonly expected: number | undefined, private readonly show?: (text: string) => void) {}

  add(n: number): void {
    this.bytes += n;
    if (!this.show) return;
    const now = Date.now();
    if (now - this.last >= 200) {
      this.last = now;
      this.show(`\r\x1b[K${this.line(now)}`);
    }
  }

  /** Clears the line, if one was drawn. */
  end(): void {
    if (this.show && this.last > 0) this.show(`\r\x1b[K`);
  }

  private line(now: number): string {
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const of = this.expected ? ` of ~${humanBytes(this.expected)}` : '';
    return `compose-guard: ${this.label}  ${humanBytes(this.bytes)}${of}  ${humanBytes(this.bytes / seconds)}/s`;
  }
}

/** A pass-through that draws the progress line of what flows through it. */
export class ProgressTap extends Transform {
  private readonly progress: ProgressLine;

  constructor(label: string, expected: number | undefined, show?: (text: string) => void) {
    super({ highWaterMark: 1 << 20 });
    this.progress = new ProgressLine(label, expected, show);
  }

  get bytes(): number {
    return this.progress.bytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.progress.add(chunk.length);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.progress.end();
    done();
  }
}
