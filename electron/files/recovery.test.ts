import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECOVERY_MAX_WAIT_MS, RecoverySlot, RecoveryStore } from './recovery.ts';

let dir: string;
beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'loom-recovery-')), 'recovery');
});
afterEach(() => {
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

const clock = (iso: string) => () => new Date(iso);

describe('RecoveryStore', () => {
  it('writes a backup atomically into its folder (created on demand) and clears it', async () => {
    const store = new RecoveryStore(dir, 's1', clock('2026-01-02T03:04:05.000Z'));
    await store.write('w1', 'model.loom', '{"a":1}');
    const file = store.slotPath('w1');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      format: 'layerloom-recovery',
      version: 1,
      name: 'model.loom',
      savedAt: '2026-01-02T03:04:05.000Z',
      text: '{"a":1}',
    });
    await store.clear('w1');
    await store.clear('w1');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('offers nothing from its own session, and the newest crashed document first', async () => {
    await new RecoveryStore(dir, 'old1', clock('2026-01-01T00:00:00Z')).write('w1', 'a', 'A');
    await new RecoveryStore(dir, 'old2', clock('2026-01-03T00:00:00Z')).write('w7', 'b', 'B');
    const current = new RecoveryStore(dir, 'now');
    await current.write('w1', 'mine', 'M');
    expect((await current.orphans()).map((o) => o.text)).toEqual(['B', 'A']);
  });

  it('claims an orphan into the window slot so it survives until saved or discarded', async () => {
    await new RecoveryStore(dir, 'crashed', clock('2026-01-01T00:00:00Z')).write(
      'w3',
      'x.loom',
      'X',
    );
    const store = new RecoveryStore(dir, 'now');
    expect(await store.claim('w1')).toEqual({
      name: 'x.loom',
      text: 'X',
      savedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(readdirSync(dir)).toEqual([path.basename(store.slotPath('w1'))]);
    expect(await store.claim('w2')).toBeNull();
  });

  it('sets unreadable backups aside as .invalid instead of deleting them', async () => {
    await new RecoveryStore(dir, 'crashed').write('w1', 'x', 'X');
    writeFileSync(path.join(dir, 'torn.w1.json'), '{"format":"layerloom-rec');
    writeFileSync(path.join(dir, 'other.w1.json'), JSON.stringify({ format: 'nope' }));
    const store = new RecoveryStore(dir, 'now');
    expect((await store.orphans()).map((o) => o.text)).toEqual(['X']);
    expect(readdirSync(dir).sort()).toEqual([
      'crashed.w1.json',
      'other.w1.json.invalid',
      'torn.w1.json.invalid',
    ]);
  });

  it('rejects session ids that could escape the folder', () => {
    expect(() => new RecoveryStore(dir, '../x')).toThrow();
  });
});

describe('RecoverySlot', () => {
  it('backs up within 2 s of the first unsaved edit even while edits continue', async () => {
    let now = 0;
    const due: Array<{ at: number; fn: () => void }> = [];
    const timers = {
      set: (fn: () => void, ms: number) => due.push({ at: now + ms, fn }) - 1,
      clear: (id: unknown) => {
        due[id as number]!.fn = () => undefined;
      },
      now: () => now,
    };
    const writes: Array<[number, string]> = [];
    const store = {
      write: async (_key: string, _name: string, text: string) => void writes.push([now, text]),
    } as unknown as RecoveryStore;
    const slot = new RecoverySlot(
      store,
      'w1',
      (e) => {
        throw e;
      },
      timers,
    );
    for (let i = 0; i < 30; i++) {
      slot.write('doc', `edit ${i}`);
      now += 100;
      for (const t of due.filter((d) => d.at <= now)) {
        t.at = Infinity;
        t.fn();
      }
      // Let the slot's write queue run at this fake instant.
      await new Promise((r) => setImmediate(r));
    }
    await slot.flush();
    expect(writes[0]).toEqual([RECOVERY_MAX_WAIT_MS, 'edit 19']);
    expect(writes.at(-1)?.[1]).toBe('edit 29');
  });

  it('writes on its own after the debounce delay (real timers)', async () => {
    const store = new RecoveryStore(dir, 'now');
    const slot = new RecoverySlot(store, 'w1', () => undefined);
    slot.write('doc', 'text-1');
    slot.write('doc', 'text-2');
    const start = Date.now();
    while (Date.now() - start < 3000) {
      try {
        if (
          (JSON.parse(readFileSync(store.slotPath('w1'), 'utf8')) as { text: string }).text ===
          'text-2'
        )
          break;
      } catch {
        // not written yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(Date.now() - start).toBeLessThan(2500);
    await slot.clear();
  });

  it('clear cancels a pending backup so it cannot reappear after a save', async () => {
    const store = new RecoveryStore(dir, 'now');
    const slot = new RecoverySlot(store, 'w1', () => undefined);
    slot.write('doc', 'v1');
    await slot.flush();
    slot.write('doc', 'v2');
    await slot.clear();
    await new Promise((r) => setTimeout(r, 1200));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('claiming again returns the same document until the slot is cleared', async () => {
    await new RecoveryStore(dir, 'crashed').write('w1', 'x.loom', 'X');
    await new RecoveryStore(dir, 'crashed2').write('w1', 'y.loom', 'Y');
    const slot = new RecoverySlot(new RecoveryStore(dir, 'now'), 'w1', () => undefined);
    const first = await slot.claim();
    expect(await slot.claim()).toEqual(first);
    await slot.clear();
    const second = await slot.claim();
    expect(second).not.toBeNull();
    expect(second?.text).not.toBe(first?.text);
    await slot.clear();
    expect(await slot.claim()).toBeNull();
  });

  it('reports a failed backup through onError without throwing', async () => {
    const errors: unknown[] = [];
    const blocked = path.join(path.dirname(dir), 'file-not-folder');
    writeFileSync(blocked, '');
    const slot = new RecoverySlot(new RecoveryStore(blocked, 'now'), 'w1', (e) => errors.push(e));
    slot.write('doc', 'x');
    await slot.flush();
    expect(errors.length).toBe(1);
  });
});
