// Crash recovery: each window's dirty document is backed up to userData/recovery/ within 2 s of the
// last edit, and deleted when the document is saved or the window closes cleanly. Files named with
// another session's id were left by a crash; the next launch offers them back. Invariant: a backup
// is written atomically, so a crash while backing up never destroys the previous backup.
import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { RecoveredDocument } from '../api.ts';
import { atomicSave } from './atomic.ts';
import { debounce, realTimers, type Debounced, type Timers } from './debounce.ts';

/** Backups reach disk this long after the last edit… */
export const RECOVERY_DELAY_MS = 1000;
/** …and at least this often while edits keep coming. */
export const RECOVERY_MAX_WAIT_MS = 2000;

const RecoveryFileSchema = z.object({
  format: z.literal('layerloom-recovery'),
  version: z.literal(1),
  name: z.string(),
  savedAt: z.string(),
  text: z.string(),
});

/** Recovery files of one app session in one folder. */
export class RecoveryStore {
  constructor(
    readonly dir: string,
    /** Unique per app launch; files with another id are orphans from a crash. */
    readonly sessionId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    if (!/^[0-9a-z-]+$/.test(sessionId)) throw new Error(`bad recovery session id ${sessionId}`);
  }

  /** The backup file of window `key` in this session. */
  slotPath(key: string): string {
    return path.join(this.dir, `${this.sessionId}.${key}.json`);
  }

  /** Atomically writes the backup of window `key`. */
  async write(key: string, name: string, text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const body = {
      format: 'layerloom-recovery',
      version: 1,
      name,
      savedAt: this.now().toISOString(),
      text,
    };
    await atomicSave(this.slotPath(key), JSON.stringify(body), { backup: false });
  }

  /** Deletes the backup of window `key`, if any. */
  async clear(key: string): Promise<void> {
    await unlink(this.slotPath(key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  /** Backups left by earlier sessions, newest first; unreadable ones are renamed `.invalid`. */
  async orphans(): Promise<Array<RecoveredDocument & { file: string }>> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const found: Array<RecoveredDocument & { file: string }> = [];
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith(`${this.sessionId}.`)) continue;
      if (name.startsWith('.')) continue;
      const file = path.join(this.dir, name);
      try {
        const parsed = RecoveryFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
        found.push({ file, name: parsed.name, text: parsed.text, savedAt: parsed.savedAt });
      } catch {
        // Kept, not deleted: a person may still salvage it by hand.
        await rename(file, `${file}.invalid`).catch(() => undefined);
      }
    }
    return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  /**
   * Moves the newest orphan into window `key`'s slot and returns it, or null. Owned by the window
   * from then on, it stays on disk until that window saves, discards or closes cleanly.
   */
  async claim(key: string): Promise<RecoveredDocument | null> {
    const [newest] = await this.orphans();
    if (!newest) return null;
    await mkdir(this.dir, { recursive: true });
    await rename(newest.file, this.slotPath(key));
    return { name: newest.name, text: newest.text, savedAt: newest.savedAt };
  }
}

/** One window's debounced backup. Operations run one at a time, in call order. */
export class RecoverySlot {
  readonly #debounced: Debounced<{ name: string; text: string }>;
  #chain: Promise<void> = Promise.resolve();
  /** What this window claimed, so asking again returns the same document until cleared. */
  #claimed: RecoveredDocument | null = null;

  constructor(
    private readonly store: RecoveryStore,
    private readonly key: string,
    private readonly onError: (error: unknown) => void,
    timers: Timers = realTimers,
  ) {
    this.#debounced = debounce(
      ({ name, text }) => void this.#enqueue(() => this.store.write(this.key, name, text)),
      RECOVERY_DELAY_MS,
      RECOVERY_MAX_WAIT_MS,
      timers,
    );
  }

  #enqueue(op: () => Promise<unknown>): Promise<void> {
    const run = this.#chain.then(op).then(
      () => undefined,
      (e: unknown) => this.onError(e),
    );
    this.#chain = run;
    return run;
  }

  /** Schedules a backup of `text` (the latest call wins). */
  write(name: string, text: string): void {
    this.#debounced.push({ name, text });
  }

  /** Writes any pending backup now and waits for all writes. */
  async flush(): Promise<void> {
    this.#debounced.flush();
    await this.#chain;
  }

  /** Drops any pending backup and deletes the file, after in-flight writes finish. */
  async clear(): Promise<void> {
    this.#debounced.cancel();
    this.#claimed = null;
    await this.#enqueue(() => this.store.clear(this.key));
  }

  /**
   * Claims a crashed session's document for this window (see RecoveryStore.claim). Idempotent: a
   * window asking again gets the same document until it clears its backup.
   */
  async claim(): Promise<RecoveredDocument | null> {
    await this.#enqueue(async () => {
      this.#claimed ??= await this.store.claim(this.key);
    });
    return this.#claimed;
  }
}
