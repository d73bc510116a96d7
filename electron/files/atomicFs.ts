// The few file-system calls the atomic writer needs, as an injectable interface, so tests can make
// any single step fail (disk full at write, EIO at fsync, EACCES at rename) and check the outcome.
import fs from 'node:fs';
import { promisify } from 'node:util';

/** File-system primitives used by atomicSave; descriptor-based so fsync can be done explicitly. */
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<number>;
  write(fd: number, data: Uint8Array, offset: number, length: number): Promise<number>;
  fsync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Mode bits and kind, or null when nothing exists at `path`. */
  stat(path: string): Promise<{ mode: number; isFile: boolean } | null>;
  realpath(path: string): Promise<string>;
  readdir(dir: string): Promise<string[]>;
}

function write(fd: number, data: Uint8Array, offset: number, length: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.write(fd, data, offset, length, null, (err, n) => (err ? reject(err) : resolve(n))),
  );
}

// Callback-style descriptors (not FileHandle objects, which close themselves on garbage collection).
const open = promisify(fs.open) as (path: string, flags: string, mode?: number) => Promise<number>;

/** The real file system. */
export const nodeAtomicFs: AtomicFs = {
  open: (p, flags, mode) => open(p, flags, mode),
  write,
  fsync: promisify(fs.fsync),
  close: promisify(fs.close),
  rename: (a, b) => fs.promises.rename(a, b),
  link: (a, b) => fs.promises.link(a, b),
  copyFile: (a, b) => fs.promises.copyFile(a, b),
  unlink: (p) => fs.promises.unlink(p),
  stat: async (p) => {
    try {
      const s = await fs.promises.stat(p);
      return { mode: s.mode & 0o7777, isFile: s.isFile() };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  },
  realpath: (p) => fs.promises.realpath(p),
  readdir: (d) => fs.promises.readdir(d),
};
