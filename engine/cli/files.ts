// File I/O for the CLI: reading with typed errors and atomic writes (temp file in the same folder,
// fsync, rename), so an interrupted write never leaves a half-written file behind.
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LoomError } from '../errors.ts';

/** Reads a whole file; a missing or unreadable file is a LoomError naming it. */
export function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LoomError(
      'io/read',
      code === 'ENOENT'
        ? 'the file does not exist'
        : `the file cannot be read (${code ?? (e as Error).message})`,
      { file: path },
      'Check the path and permissions.',
    );
  }
}

/** Writes `data` to `path` atomically: the old file stays intact until the new one is complete. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
