// Saving that never loses a file. Invariant: at every instant (including a crash or SIGKILL at any
// point) the target path holds either the complete old bytes or the complete new bytes. New bytes
// go to a temp file in the same folder, are fsynced, and only then renamed over the target (rename
// is atomic within one file system); the folder is fsynced so the rename itself survives a power
// cut. The previous version is kept as `<name>.bak`.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { nodeAtomicFs, type AtomicFs } from './atomicFs.ts';
import { errnoCode, writeError } from './fsErrors.ts';

/** Options for atomicSave. */
export interface AtomicSaveOptions {
  /** Keep the file being replaced as `<name>.bak` (default true). */
  backup?: boolean;
  /** File-system primitives; tests inject failures here. */
  fs?: AtomicFs;
}

const TEMP_SUFFIX = '.loom-tmp';

/** Temp files of saves in progress in this process; stale-temp cleanup must not touch them. */
const inFlight = new Set<string>();

/** The temp-file name used while saving `base`: hidden, unique, recognisable for cleanup. */
export function tempName(base: string, tag = ''): string {
  return `.${base}.${tag}${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`;
}

/** True for temp files atomicSave creates for `base` (including backup temps). */
export function isTempFor(base: string, candidate: string): boolean {
  if (!candidate.startsWith(`.${base}.`) || !candidate.endsWith(TEMP_SUFFIX)) return false;
  const middle = candidate.slice(base.length + 2, -TEMP_SUFFIX.length);
  return /^(bak\.)?[0-9a-f]{16}$/.test(middle);
}

/** The backup path kept beside `file`. */
export function backupPath(file: string): string {
  return `${file}.bak`;
}

async function writeAllAndSync(
  fs: AtomicFs,
  file: string,
  bytes: Uint8Array,
  mode: number,
): Promise<void> {
  // 'wx': never follow or reuse something already at the temp name.
  const fd = await fs.open(file, 'wx', mode);
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const n = await fs.write(fd, bytes, offset, bytes.length - offset);
      if (n <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
      offset += n;
    }
    await fs.fsync(fd);
  } finally {
    await fs.close(fd);
  }
}

async function syncExistingFile(fs: AtomicFs, file: string): Promise<void> {
  const fd = await fs.open(file, 'r');
  try {
    await fs.fsync(fd);
  } finally {
    await fs.close(fd);
  }
}

/** Best-effort fsync of a folder so a rename inside it is durable; unsupported on Windows. */
async function syncDir(fs: AtomicFs, dir: string): Promise<void> {
  let fd: number;
  try {
    fd = await fs.open(dir, 'r');
  } catch {
    return;
  }
  try {
    await fs.fsync(fd);
  } catch {
    // EINVAL/EISDIR/EPERM: the platform cannot fsync folders; the rename is still atomic.
  } finally {
    await fs.close(fd).catch(() => undefined);
  }
}

/** Replaces `bak` with a copy of `file` (a hard link where possible, else a synced copy). */
async function keepBackup(fs: AtomicFs, dir: string, file: string): Promise<void> {
  const tmp = path.join(dir, tempName(path.basename(file), 'bak.'));
  inFlight.add(tmp);
  try {
    try {
      await fs.link(file, tmp);
    } catch (e) {
      // Some file systems (FAT, SMB shares) have no hard links; copy instead.
      if (errnoCode(e) === 'ENOSPC' || errnoCode(e) === 'EROFS') throw e;
      await fs.copyFile(file, tmp);
      await syncExistingFile(fs, tmp);
    }
    await fs.rename(tmp, backupPath(file));
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  } finally {
    inFlight.delete(tmp);
  }
}

/** Removes temp files left behind by earlier interrupted saves of `file`. */
async function removeStaleTemps(fs: AtomicFs, dir: string, base: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    if (isTempFor(base, name) && !inFlight.has(file)) await fs.unlink(file).catch(() => undefined);
  }
}

/**
 * Writes `data` to `file` atomically and durably. On failure throws an 'io/write' LoomError naming
 * the reason (disk full, permission, …); the old file is then byte-identical to before.
 */
export async function atomicSave(
  file: string,
  data: string | Uint8Array,
  options: AtomicSaveOptions = {},
): Promise<void> {
  const fs = options.fs ?? nodeAtomicFs;
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let target = path.resolve(file);
  let tmp: string | null = null;
  try {
    let existing = await fs.stat(target);
    if (existing) {
      // Save through symlinks to the real file instead of replacing the link with a file.
      target = await fs.realpath(target);
      existing = await fs.stat(target);
      if (existing && !existing.isFile) {
        throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
      }
    }
    const dir = path.dirname(target);
    const base = path.basename(target);
    tmp = path.join(dir, tempName(base));
    inFlight.add(tmp);
    await writeAllAndSync(fs, tmp, bytes, existing?.mode ?? 0o666);
    if (existing && options.backup !== false) await keepBackup(fs, dir, target);
    await fs.rename(tmp, target);
    inFlight.delete(tmp);
    tmp = null;
    await syncDir(fs, dir);
    await removeStaleTemps(fs, dir, base);
  } catch (e) {
    if (tmp !== null) {
      await fs.unlink(tmp).catch(() => undefined);
      inFlight.delete(tmp);
    }
    throw writeError(file, e);
  }
}
