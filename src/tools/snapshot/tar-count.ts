// Counts the regular files and their bytes in a tar stream as it passes through, so a snapshot's
// manifest and a restore's check need no second read. Understands ustar, pax size records and
// GNU long names (the engine's archives use them).
import { Transform, type TransformCallback } from 'node:stream';

export interface TarCount {
  files: number;
  bytes: number;
  entries: number;
}

function octalOrBinary(field: Buffer): number {
  if ((field[0]! & 0x80) !== 0) {
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/**
 * The size record of a pax header, read record by record ("LENGTH key=value\n", LENGTH counting
 * the whole record): a value may hold any text, a file's name too, so no record is looked for
 * inside another. The last size record counts, as in tar readers.
 */
function paxSize(records: Buffer): number | undefined {
  let size: number | undefined;
  let at = 0;
  while (at < records.length) {
    const space = records.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(records.toString('latin1', at, space));
    if (!Number.isSafeInteger(length) || length <= space - at || at + length > records.length) break;
    const record = records.toString('utf8', space + 1, at + length - 1);
    if (record.startsWith('size=') && /^\d+$/.test(record.slice(5))) size = Number(record.slice(5));
    at += length;
  }
  return size;
}

/** What a tar stream that stops before its end is: cut short on the way (an engine's archive always ends). */
function truncated(): Error {
  return new Error('the archive ended before its end: the connection was cut short');
}

/**
 * Entry types whose size field stands for no data in the archive, as Go's archive/tar reads them
 * (hard and symbolic links, devices, directories, FIFOs). Every other type, known here or not, is
 * followed by its size in data, which is skipped: never read as headers.
 */
const NO_DATA = new Set(['1', '2', '3', '4', '5', '6']);
/** The largest pax header read for its records: a path and its extended attributes take a few KiB. */
export const PAX_CAP = 1 << 20;

export class TarCounter extends Transform {
  readonly count: TarCount = { files: 0, bytes: 0, entries: 0 };
  /** The archive's end (a block of zeros where a header would be) has passed. */
  private ended = false;
  /** Why the archive cannot be counted, though it may be whole. */
  private unreadable: string | undefined;
  private header = Buffer.alloc(0);
  private skip = 0;
  private pax: Buffer[] | undefined;
  private paxLeft = 0;
  private nextSize: number | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.consume(chunk);
    done(null, chunk);
  }

  /** The archive's end has passed and every header was read: the stream is whole and counted. */
  get complete(): boolean {
    return this.ended && this.unreadable === undefined;
  }

  /** What is wrong with the stream that has passed, if anything. */
  failure(): Error | undefined {
    if (this.unreadable !== undefined) return new Error(`the archive cannot be counted: ${this.unreadable}`);
    return this.ended ? undefined : truncated();
  }

  override _flush(done: TransformCallback): void {
    done(this.failure() ?? null);
  }

  /** Counts one chunk (for a caller that taps the stream itself). */
  consume(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - at);
        if (this.pax && this.paxLeft > 0) {
          const take = Math.min(n, this.paxLeft);
          this.pax.push(chunk.subarray(at, at + take));
          this.paxLeft -= take;
        }
        this.skip -= n;
        at += n;
        if (this.skip === 0 && this.pax) {
          this.nextSize = paxSize(Buffer.concat(this.pax));
          this.pax = undefined;
        }
        continue;
      }
      const n = Math.min(512 - this.header.length, chunk.length - at);
      this.header = Buffer.concat([this.header, chunk.subarray(at, at + n)]);
      at += n;
      if (this.header.length === 512) {
        this.entry(this.header);
        this.header = Buffer.alloc(0);
      }
    }
  }

  private entry(header: Buffer): void {
    if (header.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    const type = String.fromCharCode(header[156]!);
    let size = octalOrBinary(header.subarray(124, 136));
    const padded = Math.ceil(size / 512) * 512;
    if (type === 'x' || type === 'g') {
      if (type === 'x' && size > PAX_CAP) this.unreadable ??= `a pax header of ${size} bytes (at most ${PAX_CAP} are read)`;
      this.pax = type === 'x' && size <= PAX_CAP ? [] : undefined;
      this.paxLeft = size;
      this.skip = padded;
      return;
    }
    if (type === 'L' || type === 'K') {
      this.skip = padded;
      return;
    }
    if (this.nextSize !== undefined) {
      size = this.nextSize;
      this.nextSize = undefined;
    }
    this.count.entries++;
    if (type === '0' || type === '\0' || type === '7') {
      this.count.files++;
      this.count.bytes += size;
    }
    if (!NO_DATA.has(type)) this.skip = Math.ceil(size / 512) * 512;
  }
}
