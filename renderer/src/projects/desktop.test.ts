import { describe, expect, it } from 'vitest';
import type { BridgeError, LayerloomBridge } from '../../../electron/api.ts';
import { isLoomError } from '../../../engine/errors.ts';
import { desktopFiles } from './desktopFiles.ts';
import { desktopRecovery } from './recovery.ts';

/** A bridge whose file and recovery methods record their calls; the rest are never called. */
function fakeBridge(overrides: Partial<LayerloomBridge>) {
  const calls: unknown[][] = [];
  const record =
    (name: string, result: unknown) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return result;
    };
  const bridge = {
    open: record('open', { handle: 'h1', name: 'a.loom', text: '{}' }),
    save: record('save', { handle: 'h1', name: 'a.loom' }),
    saveAs: record('saveAs', { handle: 'h2', name: 'b.loom' }),
    readRecovery: record('readRecovery', null),
    writeRecovery: record('writeRecovery', undefined),
    clearRecovery: record('clearRecovery', undefined),
    ...overrides,
  } as unknown as LayerloomBridge;
  return { bridge, calls };
}

describe('desktopFiles', () => {
  it('saves in place with a handle and asks where (with .loom) without one', async () => {
    const { bridge, calls } = fakeBridge({});
    const files = desktopFiles(bridge);
    expect(await files.save('T', 'a.loom', 'h1')).toEqual({ handle: 'h1', name: 'a.loom' });
    expect(await files.save('T', 'untitled', null)).toEqual({ handle: 'h2', name: 'b.loom' });
    expect(await files.open()).toEqual({ handle: 'h1', name: 'a.loom', text: '{}' });
    expect(calls).toEqual([['save', 'h1', 'T'], ['saveAs', 'untitled.loom', 'T'], ['open']]);
  });

  it('turns a BridgeError rejection back into a LoomError', async () => {
    const rejection: BridgeError = {
      name: 'LoomError',
      code: 'io/write',
      what: 'the disk is full',
      where: { file: 'a.loom' },
      fix: 'Free some space and save again.',
      message: 'ignored',
    };
    const { bridge } = fakeBridge({ save: () => Promise.reject(rejection) });
    const err = await desktopFiles(bridge)
      .save('T', 'a.loom', 'h1')
      .catch((e: unknown) => e);
    expect(isLoomError(err)).toBe(true);
    expect((err as Error).message).toContain('the disk is full');
    expect((err as Error).message).toContain('a.loom');
    expect((err as Error).message).toContain('Free some space');
  });
});

describe('desktopRecovery', () => {
  it('maps the shell backup to an autosave record and forwards writes and clears', async () => {
    const { bridge, calls } = fakeBridge({
      readRecovery: async () => ({
        name: 'two-tower.loom',
        text: 'TEXT',
        savedAt: '2026-01-02T03:04:05.000Z',
      }),
    });
    const store = desktopRecovery(bridge);
    expect(await store.read()).toEqual({
      text: 'TEXT',
      fileName: 'two-tower.loom',
      savedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    });
    store.write({ text: 'NEW', fileName: 'x.loom', savedAt: 0 });
    store.clear();
    expect(calls).toEqual([['writeRecovery', 'NEW'], ['clearRecovery']]);
  });

  it('reads no record when the shell fails', async () => {
    const { bridge } = fakeBridge({ readRecovery: () => Promise.reject(new Error('gone')) });
    expect(await desktopRecovery(bridge).read()).toBeNull();
  });
});
