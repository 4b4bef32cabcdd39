// The progress line: every byte passes through and is counted; the line (bytes, expected size,
// rate) is drawn on the given output at most five times a second and cleared at the end; with
// no output (stderr is not a terminal) nothing is drawn at all.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { ProgressTap } from '../../../src/tools/snapshot/progress.js';

async function run(tap: ProgressTap, chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks), tap, async (s: AsyncIterable<Buffer>) => { for await (const c of s) out.push(c); });
  return Buffer.concat(out);
}

describe('ProgressTap', () => {
  it('passes the bytes through and counts them, drawing nothing without an output', async () => {
    const tap = new ProgressTap('snapshot v', 10);
    const data = Buffer.alloc(250_000, 1);
    expect((await run(tap, [data.subarray(0, 1), data.subarray(1)])).equals(data)).toBe(true);
    expect(tap.bytes).toBe(250_000);
  });

  it('draws the line at once, at most every 200 ms after, and clears it at the end', async () => {
    const shown: string[] = [];
    const tap = new ProgressTap('snapshot proj_data', 2_000_000, (t) => shown.push(t));
    await run(tap, Array.from({ length: 50 }, () => Buffer.alloc(1000)));
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/^\r\x1b\[Kcompose-guard: snapshot proj_data {2}1\.0 kB of ~2\.0 MB {2}\S+ \S+\/s$/);
    expect(shown[1]).toBe('\r\x1b[K');
  });

  it('redraws as time passes, without "of" when the size is unknown', async () => {
    const shown: string[] = [];
    const tap = new ProgressTap('restore v', undefined, (t) => shown.push(t));
    const slow = async function* () {
      for (let i = 0; i < 3; i++) {
        yield Buffer.alloc(500_000);
        await new Promise((resolve) => setTimeout(resolve, 220));
      }
    };
    await pipeline(Readable.from(slow()), tap, async (s: AsyncIterable<Buffer>) => { for await (const _ of s) { /* drained */ } });
    expect(shown.slice(0, -1).map((l) => l.split('  ')[1])).toEqual(['500.0 kB', '1.0 MB', '1.5 MB']);
    expect(shown.join('')).not.toContain(' of ');
  });

  it('draws nothing, not even the clearing, for an empty stream', async () => {
    const shown: string[] = [];
    await run(new ProgressTap('x', 1, (t) => shown.push(t)), []);
    expect(shown).toEqual([]);
  });
});
