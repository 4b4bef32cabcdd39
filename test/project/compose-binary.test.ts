// Telling Compose generations apart by a bounded read of the binary's bytes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffComposeBinary } from '../../src/project/compose-binary.js';
import { composeGeneration } from '../../src/cli/real-binary.js';
import { COMPOSE_V1_TOC, writePyInstallerBinary } from '../helpers/pyinstaller.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cg-sniff-'));
const ELF = process.execPath;

describe('what a Compose binary is', () => {
  it('recognises the PyInstaller-built Compose v1 release binary, though it is an ELF file', () => {
    const file = path.join(dir, 'docker-compose-1.29.2');
    writePyInstallerBinary(file, '/bin/true', COMPOSE_V1_TOC);
    expect(sniffComposeBinary(file)).toBe('v1-pyinstaller');
    expect(composeGeneration(file)).toBe('v1');
  });

  it('reads another PyInstaller program as unknown, never as Compose v2', () => {
    const file = path.join(dir, 'other-pyinstaller');
    writePyInstallerBinary(file, '/bin/true', ['pyiboot01_bootstrap', 'mytool', 'PYZ-00.pyz']);
    expect(sniffComposeBinary(file)).toBe('unknown');
    expect(composeGeneration(file)).toBe('unknown');
  });

  it('reads a cookie pointing outside the file as unknown', () => {
    const file = path.join(dir, 'bad-cookie');
    writePyInstallerBinary(file, '/bin/true', COMPOSE_V1_TOC);
    const text = Buffer.from('MEI\x0c\x0b\x0a\x0b\x0e', 'latin1');
    const cookie = Buffer.concat([text, Buffer.alloc(80, 0xff)]);
    writeFileSync(file, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(100), cookie]));
    expect(sniffComposeBinary(file)).toBe('unknown');
  });

  it('tells the Python script of Compose v1 and a native binary apart', () => {
    const script = path.join(dir, 'docker-compose-script');
    writeFileSync(script, '#! /usr/bin/python3\nfrom compose.cli.main import main\n');
    expect(sniffComposeBinary(script)).toBe('v1-script');
    expect(sniffComposeBinary(ELF)).toBe('native');
    expect(composeGeneration(ELF)).toBe('v2');
  });

  it('reads a shell script, an empty file or a missing one as unknown', () => {
    const sh = path.join(dir, 'sh-compose');
    writeFileSync(sh, '#!/bin/sh\nexec docker compose "$@"\n');
    const empty = path.join(dir, 'empty');
    writeFileSync(empty, '');
    for (const file of [sh, empty, path.join(dir, 'missing')]) expect(sniffComposeBinary(file)).toBe('unknown');
  });
});
