// What a volume holds now, read through a helper on the real engine: its regular files and
// their bytes, entries (folders too) without the mount point itself; an empty volume has none.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { streamEngine } from '../../../src/tools/engine-stream.js';
import { HELPER_LABEL } from '../../../src/tools/snapshot/helper.js';
import { countVolume } from '../../../src/tools/snapshot/volume-content.js';
import { cleanUp, makeVolume } from '../../helpers/engine-volumes.js';

const ctx = inject('e2e');
const engine = streamEngine(ctx.dockerHost);
const [FULL, EMPTY, ODD] = ['cgt-content-full', 'cgt-content-empty', 'cgt-content-odd'];
// A long name (so the engine writes it as a pax path record) that holds the text of a size record.
const ODD_NAME = `x\n9 size=0\n${'a'.repeat(120)}`;

describe.skipIf(!ctx.available)('countVolume on the real engine', () => {
  beforeAll(async () => {
    await cleanUp(engine, 'cgt-content-', [FULL, EMPTY, ODD]);
    await makeVolume(engine, FULL, { 'a.txt': 'abc', 'sub/b.bin': 'x'.repeat(70_000), 'sub/deeper/c': '' });
    await makeVolume(engine, EMPTY);
    await makeVolume(engine, ODD, { [ODD_NAME]: `${'\0'.repeat(4096)}${'z'.repeat(100)}`, zeros: '\0'.repeat(2048) });
  });
  afterAll(() => cleanUp(engine, 'cgt-content-', [FULL, EMPTY, ODD]));

  it('counts files, bytes and entries', async () => {
    // Entries: a.txt, sub, sub/b.bin, sub/deeper, sub/deeper/c (the mount point itself is not one).
    expect(await countVolume(engine, FULL)).toEqual({ files: 3, bytes: 70_003, entries: 5 });
  });

  it("reads a pax header by its records' lengths: a file's name that holds a size record's text changes nothing", async () => {
    // Read as a size of 0, the file's zeros would pass for the archive's end and its data for headers.
    expect(await countVolume(engine, ODD)).toEqual({ files: 2, bytes: 4196 + 2048, entries: 2 });
  });

  it('finds nothing in an empty volume, and leaves no helper behind', async () => {
    expect(await countVolume(engine, EMPTY)).toEqual({ files: 0, bytes: 0, entries: 0 });
    const filters = encodeURIComponent(JSON.stringify({ label: [HELPER_LABEL] }));
    expect(await engine.json('GET', `/containers/json?all=1&filters=${filters}`)).toEqual([]);
  });
});
