import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseWindowForOpen } from './files/openTarget.ts';
import { projectPathsFromArgv } from './launchArgs.ts';

describe('projectPathsFromArgv', () => {
  it('finds .loom paths, resolving relative ones against the launch folder', () => {
    const argv = [
      '/opt/Layerloom/layerloom',
      '--no-sandbox',
      'a.loom',
      '/data/B.LOOM',
      'notes.txt',
    ];
    expect(projectPathsFromArgv(argv, '/home/u')).toEqual([
      path.resolve('/home/u', 'a.loom'),
      '/data/B.LOOM',
    ]);
  });

  it('skips the executable, the dev app folder, switches and duplicates', () => {
    const argv = [
      'x.loom',
      '/work/app',
      '--allow-file-access-from-files',
      '--open=evil.loom',
      '-psn_0_1234',
      '/p/a.loom',
      '/p/a.loom',
    ];
    expect(projectPathsFromArgv(argv, '/')).toEqual(['/p/a.loom']);
  });
});

describe('chooseWindowForOpen', () => {
  it('reuses the focused window only when it has no unsaved changes', () => {
    const windows = [
      { id: 1, dirty: false },
      { id: 2, dirty: true },
    ];
    expect(chooseWindowForOpen(windows, 1)).toBe(1);
    expect(chooseWindowForOpen(windows, 2)).toBe('new');
    expect(chooseWindowForOpen(windows, null)).toBe('new');
    expect(chooseWindowForOpen([], null)).toBe('new');
  });
});
