// Reads a whole file with a size cap, so a huge or endless file (e.g. /dev/zero picked in a dialog)
// can never exhaust memory. Errors are 'io/read' LoomErrors naming the file and the reason.
import { open } from 'node:fs/promises';
import { LoomError } from '../../engine/errors.ts';
import { readError } from './fsErrors.ts';

function tooLarge(file: string, maxBytes: number): LoomError {
  const mb = Math.round(maxBytes / (1024 * 1024));
  return new LoomError(
    'io/read',
    `the file is larger than ${mb} MB, the most Layerloom reads at once`,
    { file },
    'Choose a smaller file, or split the data into several files.',
  );
}

/** The bytes of `file`; an 'io/read' LoomError when missing, unreadable, not a file or too big. */
export async function readFileLimited(file: string, maxBytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    throw readError(file, e);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile())
      throw readError(file, Object.assign(new Error('folder'), { code: 'EISDIR' }));
    if (info.size > maxBytes) throw tooLarge(file, maxBytes);
    // Read in chunks up to the cap, whatever stat said: the file may grow while being read.
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(1 << 20, maxBytes + 1 - total));
      if (chunk.length === 0) throw tooLarge(file, maxBytes);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(file, maxBytes);
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  } catch (e) {
    throw e instanceof LoomError ? e : readError(file, e);
  } finally {
    await handle.close();
  }
}
