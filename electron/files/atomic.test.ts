import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLoomError, type LoomError } from '../../engine/errors.ts';
import { atomicSave, backupPath, isTempFor, tempName } from './atomic.ts';
import { nodeAtomicFs, type AtomicFs } from './atomicFs.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'loom-atomic-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

async function saveError(p: Promise<void>): Promise<LoomError> {
  try {
    await p;
  } catch (e) {
    expect(isLoomError(e)).toBe(true);
    return e as LoomError;
  }
  throw new Error('expected the save to fail');
}

describe('tempName / isTempFor', () => {
  it('recognises its own temp names and nothing else', () => {
    expect(isTempFor('a.loom', tempName('a.loom'))).toBe(true);
    expect(isTempFor('a.loom', tempName('a.loom', 'bak.'))).toBe(true);
    expect(isTempFor('b.loom', tempName('a.loom'))).toBe(false);
    expect(isTempFor('a.loom', 'a.loom')).toBe(false);
    expect(isTempFor('a.loom', '.a.loom.notes.loom-tmp')).toBe(false);
    expect(isTempFor('a.loom', '.a.loom.0123456789abcdef.tmp')).toBe(false);
  });
});

describe('atomicSave', () => {
  it('creates a new file with the exact bytes and leaves no temp files or backup', async () => {
    const file = path.join(dir, 'model.loom');
    await atomicSave(file, '{"v":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"v":1}');
    expect(readdirSync(dir)).toEqual(['model.loom']);
  });

  it('keeps the previous version as <name>.bak', async () => {
    const file = path.join(dir, 'model.loom');
    await atomicSave(file, 'one');
    await atomicSave(file, 'two');
    await atomicSave(file, 'three');
    expect(readFileSync(file, 'utf8')).toBe('three');
    expect(readFileSync(backupPath(file), 'utf8')).toBe('two');
    expect(readdirSync(dir).sort()).toEqual(['model.loom', 'model.loom.bak']);
  });

  it('writes binary data unchanged and can skip the backup', async () => {
    const file = path.join(dir, 'w.safetensors');
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) & 255);
    await atomicSave(file, new Uint8Array([1]), { backup: false });
    await atomicSave(file, bytes, { backup: false });
    expect(new Uint8Array(readFileSync(file))).toEqual(bytes);
    expect(readdirSync(dir)).toEqual(['w.safetensors']);
  });

  it('saves through a symlink to the real file', async () => {
    const real = path.join(dir, 'real.loom');
    const link = path.join(dir, 'link.loom');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    await atomicSave(link, 'new');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(readFileSync(link, 'utf8')).toBe('new');
    expect(readFileSync(backupPath(real), 'utf8')).toBe('old');
  });

  it('removes temp files left by an earlier interrupted save', async () => {
    const file = path.join(dir, 'model.loom');
    writeFileSync(path.join(dir, tempName('model.loom')), 'half');
    writeFileSync(path.join(dir, tempName('model.loom', 'bak.')), 'half');
    writeFileSync(path.join(dir, '.other.loom.0123456789abcdef.loom-tmp'), 'not ours');
    await atomicSave(file, 'whole');
    expect(readdirSync(dir).sort()).toEqual([
      '.other.loom.0123456789abcdef.loom-tmp',
      'model.loom',
    ]);
  });

  it('concurrent saves of one file all succeed and leave one complete version', async () => {
    const file = path.join(dir, 'model.loom');
    writeFileSync(file, 'initial');
    const versions = Array.from(
      { length: 8 },
      (_, i) => `{"v":${i},"pad":"${'x'.repeat(50_000)}"}`,
    );
    await Promise.all(versions.map((v) => atomicSave(file, v)));
    expect(versions).toContain(readFileSync(file, 'utf8'));
    expect(readdirSync(dir).sort()).toEqual(['model.loom', 'model.loom.bak']);
  });

  it('refuses to replace a folder', async () => {
    const target = path.join(dir, 'folder.loom');
    mkdirSync(target);
    const err = await saveError(atomicSave(target, 'x'));
    expect(err.code).toBe('io/write');
    expect(err.message).toContain('folder');
  });

  it('reports a missing folder', async () => {
    const err = await saveError(atomicSave(path.join(dir, 'nope', 'a.loom'), 'x'));
    expect(err.code).toBe('io/write');
    expect(err.where.file).toBe(path.join(dir, 'nope', 'a.loom'));
    expect(err.message).toContain('does not exist');
  });

  it.skipIf(process.getuid?.() === 0)(
    'reports permission denied in a read-only folder',
    async () => {
      const file = path.join(dir, 'model.loom');
      writeFileSync(file, 'old');
      chmodSync(dir, 0o555);
      const err = await saveError(atomicSave(file, 'new'));
      expect(err.message).toContain('permission denied');
      expect(readFileSync(file, 'utf8')).toBe('old');
    },
  );

  // Every step that can fail, with the errno a real disk would give there.
  const failures: Array<[step: keyof AtomicFs, code: string, reason: string]> = [
    ['write', 'ENOSPC', 'the disk is full'],
    ['write', 'EDQUOT', 'quota'],
    ['write', 'EIO', 'input/output error'],
    ['fsync', 'EIO', 'input/output error'],
    ['fsync', 'ENOSPC', 'the disk is full'],
    ['open', 'EACCES', 'permission denied'],
    ['open', 'EROFS', 'read-only'],
    ['open', 'EMFILE', 'too many files'],
    ['link', 'ENOSPC', 'the disk is full'],
    ['rename', 'EACCES', 'permission denied'],
    ['rename', 'EBUSY', 'locked'],
    ['rename', 'EPERM', 'not permitted'],
  ];

  it.each(failures)(
    'a %s failure (%s) leaves the old file byte-identical and says why',
    async (step, code, reason) => {
      const file = path.join(dir, 'model.loom');
      const old = new Uint8Array([0x7b, 0x00, 0xff, 0x22, 0x7d]);
      writeFileSync(file, old);
      const failing: AtomicFs = {
        ...nodeAtomicFs,
        [step]: () => Promise.reject(errno(code)),
      };
      // Opening the target folder for fsync may fail harmlessly; only fail file opens for writing.
      if (step === 'open') {
        failing.open = (p, flags, mode) =>
          flags === 'wx' ? Promise.reject(errno(code)) : nodeAtomicFs.open(p, flags, mode);
      }
      const err = await saveError(atomicSave(file, 'new contents', { fs: failing }));
      expect(err.code).toBe('io/write');
      expect(err.where.file).toBe(file);
      expect(err.message).toContain(reason);
      expect(err.message).toContain('unchanged');
      expect(new Uint8Array(readFileSync(file))).toEqual(old);
      expect(readdirSync(dir).filter((n) => n.endsWith('.loom-tmp'))).toEqual([]);
    },
  );

  it('a short write of zero bytes is an error, not an endless loop', async () => {
    const file = path.join(dir, 'model.loom');
    writeFileSync(file, 'old');
    const fs: AtomicFs = { ...nodeAtomicFs, write: () => Promise.resolve(0) };
    const err = await saveError(atomicSave(file, 'new', { fs }));
    expect(err.code).toBe('io/write');
    expect(readFileSync(file, 'utf8')).toBe('old');
  });

  it('falls back to copying when hard links are unsupported', async () => {
    const file = path.join(dir, 'model.loom');
    writeFileSync(file, 'old');
    const fs: AtomicFs = { ...nodeAtomicFs, link: () => Promise.reject(errno('EPERM')) };
    await atomicSave(file, 'new', { fs });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readFileSync(backupPath(file), 'utf8')).toBe('old');
  });

  it('still succeeds where folders cannot be fsynced (Windows)', async () => {
    const file = path.join(dir, 'model.loom');
    const fs: AtomicFs = {
      ...nodeAtomicFs,
      open: (p, flags, mode) =>
        p === dir ? Promise.reject(errno('EISDIR')) : nodeAtomicFs.open(p, flags, mode),
    };
    await atomicSave(file, 'new', { fs });
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('fsyncs the temp file before renaming it and the folder after', async () => {
    const file = path.join(dir, 'model.loom');
    writeFileSync(file, 'old');
    const events: string[] = [];
    const names = new Map<number, string>();
    const fs: AtomicFs = {
      ...nodeAtomicFs,
      open: async (p, flags, mode) => {
        const fd = await nodeAtomicFs.open(p, flags, mode);
        names.set(fd, p === dir ? 'dir' : path.basename(p).startsWith('.') ? 'tmp' : 'file');
        return fd;
      },
      fsync: async (fd) => {
        events.push(`fsync ${names.get(fd)}`);
        await nodeAtomicFs.fsync(fd);
      },
      rename: async (a, b) => {
        events.push(`rename ${path.basename(b)}`);
        await nodeAtomicFs.rename(a, b);
      },
    };
    await atomicSave(file, 'new', { fs });
    expect(events).toEqual([
      'fsync tmp',
      'rename model.loom.bak',
      'rename model.loom',
      'fsync dir',
    ]);
  });
});
