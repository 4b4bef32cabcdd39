// The hash tap passes every byte through unchanged and gives the sha256 of what passed; sha256Of
// reads a whole stream. Checked against sha256sum, however the bytes are split into chunks.
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashTap, sha256Of } from '../../../src/tools/snapshot/hash-tap.js';

const sha256sum = (data: Buffer) => execFileSync('sha256sum', { input: data }).toString().split(' ')[0];

async function throughTap(chunks: Buffer[]): Promise<{ digest: string; out: Buffer }> {
  const tap = new HashTap();
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks), tap, async (source: AsyncIterable<Buffer>) => { for await (const c of source) out.push(c); });
  return { digest: tap.digest, out: Buffer.concat(out) };
}

describe('HashTap', () => {
  it('gives the sha256 of what flowed through, and passes it on unchanged', async () => {
    const data = Buffer.from('compose-guard volume bytes\n'.repeat(5000));
    const { digest, out } = await throughTap([data.subarray(0, 7), data.subarray(7, 70_000), data.subarray(70_000)]);
    expect(digest).toBe(sha256sum(data));
    expect(out.equals(data)).toBe(true);
  });

  it('has the digest of nothing for an empty stream, and none before the end', async () => {
    expect(new HashTap().digest).toBe('');
    expect((await throughTap([])).digest).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('does not depend on how the stream is cut', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), async (parts) => {
      const chunks = parts.map((p) => Buffer.from(p));
      const whole = Buffer.concat(chunks);
      const { digest } = await throughTap(chunks);
      expect(digest).toBe(await sha256Of(Readable.from([whole])));
    }), { numRuns: 50 });
  });
});

describe('sha256Of', () => {
  it('reads a stream to its end', async () => {
    const data = Buffer.alloc(1 << 20, 7);
    expect(await sha256Of(Readable.from([data.subarray(0, 1000), data.subarray(1000)]))).toBe(sha256sum(data));
  });

  it('rejects when the stream fails', async () => {
    const failing = new Readable({ read() { this.destroy(new Error('read error')); } });
    await expect(sha256Of(failing)).rejects.toThrow('read error');
  });
});
