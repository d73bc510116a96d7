import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvokeMethod, IpcResult } from './api.ts';
import { atomicSave } from './files/atomic.ts';
import type { FileFilter } from './files/dialogFilters.ts';
import { HandleTable } from './files/handles.ts';
import { readFileLimited } from './files/readLimited.ts';
import { RecoverySlot, RecoveryStore } from './files/recovery.ts';
import { createHandlers, type ShellServices, type ShellWindow } from './handlers.ts';
import { guardAll } from './ipc.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'loom-handlers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Real files in a temp dir; dialogs answer from a queue and record what they were shown. */
function setup() {
  const answers: Array<string | null> = [];
  const dialogs: Array<{
    kind: string;
    title: string;
    defaultName?: string;
    filters: FileFilter[];
  }> = [];
  const recent: string[] = [];
  const events: string[] = [];
  const services: ShellServices = {
    appVersion: '9.8.7',
    newWindow: () => void events.push('newWindow'),
    showOpenDialog: async (_w, title, filters) => {
      dialogs.push({ kind: 'open', title, filters });
      return answers.shift() ?? null;
    },
    showSaveDialog: async (_w, title, defaultName, filters) => {
      dialogs.push({ kind: 'save', title, defaultName, filters });
      return answers.shift() ?? null;
    },
    readFile: readFileLimited,
    writeFile: (file, data, backup) => atomicSave(file, data, { backup }),
    addRecent: (file) => void recent.push(file),
  };
  const store = new RecoveryStore(path.join(dir, 'recovery'), 'now');
  let title = 'Untitled';
  const win: ShellWindow = {
    handles: new HandleTable(),
    recovery: new RecoverySlot(store, 'w1', (e) => {
      throw e;
    }),
    get title() {
      return title;
    },
    setTitle: (t) => {
      title = t;
      events.push(`title:${t}`);
    },
    setDirty: (d) => void events.push(`dirty:${d}`),
    saved: () => void events.push('saved'),
    saveAbandoned: () => void events.push('abandoned'),
  };
  const guarded = guardAll(createHandlers(services));
  const trusted = { frameUrl: 'app://layerloom/index.html', isMainFrame: true };
  /** Calls a channel the way main does: guarded, with raw renderer arguments. */
  const call = (method: InvokeMethod, ...args: unknown[]): Promise<IpcResult<unknown>> =>
    guarded[method](trusted, win, args);
  return { answers, dialogs, recent, events, win, store, call };
}

function value(r: IpcResult<unknown>): unknown {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.message}`);
  return r.value;
}

describe('handlers', () => {
  it('version and newWindow', async () => {
    const t = setup();
    expect(value(await t.call('version'))).toBe('9.8.7');
    await t.call('newWindow');
    expect(t.events).toEqual(['newWindow']);
  });

  it('open: reads the picked file and returns a handle, never the path', async () => {
    const t = setup();
    const file = path.join(dir, 'two-tower.loom');
    writeFileSync(file, '\uFEFF{"schemaVersion":1}');
    t.answers.push(file);
    const opened = value(await t.call('open')) as { handle: string; name: string; text: string };
    expect(opened.name).toBe('two-tower.loom');
    expect(opened.text).toBe('{"schemaVersion":1}');
    expect(JSON.stringify(opened)).not.toContain(dir);
    expect(t.win.handles.resolve(opened.handle)).toBe(file);
    expect(t.recent).toEqual([file]);
    expect(t.dialogs[0]?.filters).toEqual([{ name: 'Layerloom project', extensions: ['loom'] }]);
  });

  it('open: cancelled is null; non-UTF-8 bytes are a typed read error', async () => {
    const t = setup();
    expect(value(await t.call('open'))).toBeNull();
    const file = path.join(dir, 'binary.loom');
    writeFileSync(file, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    t.answers.push(file);
    const r = await t.call('open');
    expect(r).toMatchObject({ ok: false, error: { code: 'io/read', where: { file } } });
  });

  it('save: atomic over the handle’s file, keeps .bak, clears the backup, reports saved', async () => {
    const t = setup();
    const file = path.join(dir, 'm.loom');
    writeFileSync(file, 'old');
    const handle = t.win.handles.register(file);
    t.win.recovery.write('m.loom', 'unsaved');
    await t.win.recovery.flush();
    expect(readdirSync(t.store.dir).length).toBe(1);
    expect(value(await t.call('save', handle, 'new'))).toEqual({ handle, name: 'm.loom' });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('old');
    expect(readdirSync(t.store.dir)).toEqual([]);
    expect(t.events).toEqual(['saved']);
  });

  it('save: an unknown handle is refused and touches no file', async () => {
    const t = setup();
    const r = await t.call('save', 'f'.repeat(32), 'x');
    expect(r).toMatchObject({ ok: false, error: { code: 'io/handle' } });
    expect(t.events).toEqual(['abandoned']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('save: a write failure reports why, keeps the old file and the crash backup', async () => {
    const t = setup();
    const folder = path.join(dir, 'gone');
    const file = path.join(folder, 'm.loom');
    const handle = t.win.handles.register(file);
    t.win.recovery.write('m.loom', 'unsaved');
    await t.win.recovery.flush();
    const r = await t.call('save', handle, 'new');
    expect(r).toMatchObject({ ok: false, error: { code: 'io/write', where: { file } } });
    expect(t.events).toEqual(['abandoned']);
    expect(readdirSync(t.store.dir).length).toBe(1);
  });

  it('saveAs: suggests a safe name, adds .loom, returns a new handle', async () => {
    const t = setup();
    t.answers.push(path.join(dir, 'chosen'));
    const ref = value(await t.call('saveAs', '../secret/Model', '{"v":2}')) as {
      handle: string;
      name: string;
    };
    expect(t.dialogs[0]).toMatchObject({ kind: 'save', defaultName: 'Model.loom' });
    expect(ref.name).toBe('chosen.loom');
    expect(readFileSync(path.join(dir, 'chosen.loom'), 'utf8')).toBe('{"v":2}');
    expect(t.win.handles.resolve(ref.handle)).toBe(path.join(dir, 'chosen.loom'));
    expect(t.events).toEqual(['saved']);
  });

  it('saveAs: cancelling resolves null and ends a pending save-before-close', async () => {
    const t = setup();
    expect(value(await t.call('saveAs', 'x', '{}'))).toBeNull();
    expect(t.events).toEqual(['abandoned']);
  });

  it('exportFile: writes the bytes with the format’s extension and no .bak', async () => {
    const t = setup();
    const target = path.join(dir, 'weights');
    writeFileSync(`${target}.safetensors`, 'previous');
    t.answers.push(target);
    const bytes = new Uint8Array([8, 0, 0, 0, 0, 0, 0, 0, 123, 125]);
    const r = value(await t.call('exportFile', 'safetensors', 'model', bytes));
    expect(r).toEqual({ name: 'weights.safetensors' });
    expect(t.dialogs[0]).toMatchObject({ defaultName: 'model.safetensors' });
    expect(new Uint8Array(readFileSync(`${target}.safetensors`))).toEqual(bytes);
    expect(existsSync(`${target}.safetensors.bak`)).toBe(false);
    expect(t.events).toEqual([]);
  });

  it('importFile: offers the kinds asked for and returns name and bytes', async () => {
    const t = setup();
    const file = path.join(dir, 'scores.csv');
    writeFileSync(file, 'Hours,Scores\n1,2\n');
    t.answers.push(file);
    const r = value(await t.call('importFile', ['csv', 'npz'])) as {
      name: string;
      bytes: Uint8Array;
    };
    expect(r.name).toBe('scores.csv');
    expect(new TextDecoder().decode(r.bytes)).toBe('Hours,Scores\n1,2\n');
    expect(t.dialogs[0]?.filters.map((f) => f.name)).toEqual(['CSV', 'NumPy archive', 'All files']);
  });

  it('recovery: write uses the window title; a new session can claim it; clear deletes', async () => {
    const t = setup();
    await t.call('setTitle', 'net.loom');
    await t.call('writeRecovery', '{"unsaved":true}');
    await t.win.recovery.flush();
    const next = new RecoveryStore(t.store.dir, 'later');
    const slot = new RecoverySlot(next, 'w1', () => undefined);
    expect(await slot.claim()).toMatchObject({ name: 'net.loom', text: '{"unsaved":true}' });
    await slot.clear();
    expect(readdirSync(t.store.dir)).toEqual([]);
  });

  it('readRecovery: null when nothing crashed', async () => {
    const t = setup();
    expect(value(await t.call('readRecovery'))).toBeNull();
    expect(value(await t.call('clearRecovery'))).toBeUndefined();
  });

  it('setTitle and setDirty reach the window', async () => {
    const t = setup();
    await t.call('setTitle', 'a.loom');
    await t.call('setDirty', true);
    expect(t.events).toEqual(['title:a.loom', 'dirty:true']);
  });
});
