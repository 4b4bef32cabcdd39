// The progress line of long work: bytes, rate and the expected size, redrawn on a terminal's
// stderr at most five times a second; nothing at all when stderr is not a terminal.
import { Transform, type TransformCallback } from 'node:stream';
import { humanBytes } from '../../cli/human.js';

export { humanAge, humanBytes } from '../../cli/human.js';

export class ProgressTap extends Transform {
  bytes = 0;
  private readonly started = Date.now();
  private last = 0;

  constructor(private readonly label: string, private readonly expected: number | undefined, private readonly show?: (text: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    const now = Date.now();
    if (this.show && now - this.last >= 200) {
      this.last = now;
      this.show(`\r\x1b[K${this.line(now)}`);
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.show && this.last > 0) this.show(`\r\x1b[K`);
    done();
  }

  private line(now: number): string {
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const of = this.expected ? ` of ~${humanBytes(this.expected)}` : '';
    return `compose-guard: ${this.label}  ${humanBytes(this.bytes)}${of}  ${humanBytes(this.bytes / seconds)}/s`;
  }
}
