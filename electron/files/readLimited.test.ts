import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLoomError, type LoomError } from '../../engine/errors.ts';
import { readFileLimited } from './readLimited.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'loom-read-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function failure(p: Promise<unknown>): Promise<LoomError> {
  try {
    await p;
  } catch (e) {
    if (isLoomError(e)) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('readFileLimited', () => {
  it('reads a multi-chunk file exactly', async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 13) & 255);
    const file = path.join(dir, 'big.bin');
    writeFileSync(file, bytes);
    expect(await readFileLimited(file, bytes.length)).toEqual(bytes);
  });

  it('refuses a file over the cap', async () => {
    const file = path.join(dir, 'a.bin');
    writeFileSync(file, new Uint8Array(1025));
    const e = await failure(readFileLimited(file, 1024));
    expect([e.code, e.where.file]).toEqual(['io/read', file]);
    expect(e.message).toMatch(/larger than/);
  });

  it.skipIf(process.platform === 'win32')('stops at the cap on endless devices', async () => {
    const e = await failure(readFileLimited('/dev/zero', 4096));
    expect(e.code).toBe('io/read');
  });

  it('names a missing file and a folder', async () => {
    const missing = await failure(readFileLimited(path.join(dir, 'nope.loom'), 10));
    expect(missing.message).toContain('does not exist');
    mkdirSync(path.join(dir, 'folder.loom'));
    const folder = await failure(readFileLimited(path.join(dir, 'folder.loom'), 10));
    expect(folder.message).toContain('folder');
  });
});
