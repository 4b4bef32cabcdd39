// The engine's multiplexed exec output: 8-byte frames, 1 stdout, 2 stderr.
import { describe, expect, it } from 'vitest';
import { demultiplex } from '../../src/tools/engine-exec.js';

function frame(kind: number, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('demultiplex', () => {
  it('splits stdout and stderr frames in order', () => {
    const raw = Buffer.concat([frame(1, '15'), frame(2, 'warning\n'), frame(1, '00\n'), frame(2, '')]);
    expect(demultiplex(raw)).toEqual({ stdout: '1500\n', stderr: 'warning\n' });
  });

  it('ignores a cut-off last frame', () => {
    expect(demultiplex(Buffer.concat([frame(1, 'ok'), frame(1, 'lost').subarray(0, 6)]))).toEqual({ stdout: 'ok', stderr: '' });
  });
});
