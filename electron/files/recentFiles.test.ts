import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addRecent,
  loadRecent,
  RECENT_LIMIT,
  removeRecent,
  sanitizeRecent,
  saveRecent,
} from './recentFiles.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'loom-recent-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('recent list operations', () => {
  it('moves a reopened file to the front without duplicating it', () => {
    let list: string[] = [];
    for (const f of ['/a.loom', '/b.loom', '/c.loom', '/a.loom'])
      list = addRecent(list, f, 'linux');
    expect(list).toEqual(['/a.loom', '/c.loom', '/b.loom']);
  });

  it(`keeps at most ${RECENT_LIMIT} entries`, () => {
    let list: string[] = [];
    for (let i = 0; i < 25; i++) list = addRecent(list, `/p/${i}.loom`, 'linux');
    expect(list.length).toBe(RECENT_LIMIT);
    expect(list[0]).toBe('/p/24.loom');
    expect(list.at(-1)).toBe(`/p/${25 - RECENT_LIMIT}.loom`);
  });

  it('treats case-only differences as the same file on Windows and macOS only', () => {
    expect(addRecent(['C:\\P\\A.loom'], 'c:\\p\\a.loom', 'win32')).toEqual(['c:\\p\\a.loom']);
    expect(addRecent(['/P/A.loom'], '/p/a.loom', 'darwin')).toEqual(['/p/a.loom']);
    expect(addRecent(['/P/A.loom'], '/p/a.loom', 'linux')).toEqual(['/p/a.loom', '/P/A.loom']);
  });

  it('removes a file', () => {
    expect(removeRecent(['/a', '/b'], '/a', 'linux')).toEqual(['/b']);
  });

  it('drops relative, NUL-containing and duplicate paths read from disk', () => {
    expect(
      sanitizeRecent(['rel.loom', '/a\0.loom', '/x.loom', '/x.loom', '/y.loom'], 'linux'),
    ).toEqual(['/x.loom', '/y.loom']);
  });
});

describe('load/save', () => {
  it('round-trips through a JSON file', async () => {
    const file = path.join(dir, 'recent-files.json');
    await saveRecent(file, ['/a.loom', '/b.loom']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      files: ['/a.loom', '/b.loom'],
    });
    expect(await loadRecent(file, 'linux')).toEqual(['/a.loom', '/b.loom']);
  });

  it.each([
    ['missing', null],
    ['not JSON', '{"version":1,"files":['],
    ['wrong shape', '{"version":1,"files":"a"}'],
    ['future version', '{"version":2,"files":["/a.loom"]}'],
  ])('is empty when the file is %s', async (_label, content) => {
    const file = path.join(dir, 'recent-files.json');
    if (content !== null) writeFileSync(file, content);
    expect(await loadRecent(file, 'linux')).toEqual([]);
  });
});
