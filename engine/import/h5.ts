// Reads float32 datasets out of an HDF5 file (Keras's model.weights.h5) with h5wasm, defensively:
// only the requested paths are read, each one's dtype and shape are checked against what the model
// needs BEFORE its values are read, and every failure of the HDF5 library becomes a LoomError.
import h5wasm from 'h5wasm';
import { errorMessage, LoomError } from '../errors.ts';
import { sameShape, sizeOf } from '../tensor.ts';

let counter = 0;

/** An open HDF5 file in h5wasm's in-memory file system; close() frees it. */
export interface H5Reader {
  /** The child names of the group at `path`, or null when there is no group there. */
  groupKeys(path: string): string[] | null;
  /** Reads a little-endian float32 dataset of exactly `shape`; throws a LoomError otherwise. */
  readFloat32(path: string, shape: readonly number[]): Float32Array;
  close(): void;
}

/** Opens HDF5 bytes; `file` labels errors. */
export async function openH5(bytes: Uint8Array, file: string): Promise<H5Reader> {
  const Module = await h5wasm.ready;
  // Errors of the HDF5 library become exceptions instead of text printed to stderr.
  Module.activate_throwing_error_handler();
  const fail = (what: string, path?: string): never => {
    throw new LoomError(
      'import/weights',
      what,
      { file, path },
      'Save the model again with model.save("model.keras").',
    );
  };
  const name = `/layerloom-import-${++counter}.h5`;
  Module.FS.writeFile(name, bytes);
  let f: InstanceType<typeof h5wasm.File>;
  try {
    f = new h5wasm.File(name, 'r');
  } catch (e) {
    Module.FS.unlink(name);
    return fail(`the weights are not a readable HDF5 file (${errorMessage(e)})`);
  }
  if (f.file_id < 0n) {
    Module.FS.unlink(name);
    return fail('the weights are not a readable HDF5 file');
  }
  const get = (path: string) => {
    try {
      return f.get(path);
    } catch (e) {
      return fail(`the HDF5 object cannot be read (${errorMessage(e)})`, path);
    }
  };
  return {
    groupKeys(path) {
      const g = get(path);
      if (!(g instanceof h5wasm.Group)) return null;
      try {
        return g.keys();
      } catch (e) {
        return fail(`the HDF5 group cannot be listed (${errorMessage(e)})`, path);
      }
    },
    readFloat32(path, shape) {
      const d = get(path);
      if (!(d instanceof h5wasm.Dataset)) return fail('the dataset is missing', path);
      try {
        const meta = d.metadata;
        const got = d.shape ?? [];
        if (meta.type !== 1 || meta.size !== 4 || !meta.littleEndian)
          return fail(
            `the dataset has dtype '${String(d.dtype)}'; only float32 is supported`,
            path,
          );
        if (!sameShape(got, shape))
          return fail(
            `the dataset has shape [${got.join(', ')}] but the layer needs [${shape.join(', ')}]`,
            path,
          );
        // Keras stores weights uncompressed, so a dataset cannot hold more bytes than the file: this
        // refuses a hostile file whose declared shape would make the read allocate gigabytes.
        if (sizeOf(shape) * 4 > bytes.length)
          return fail(
            `the dataset declares more data than the ${bytes.length}-byte file holds`,
            path,
          );
        const v = d.value;
        if (!(v instanceof Float32Array)) return fail('the dataset did not read as float32', path);
        return Float32Array.from(v);
      } catch (e) {
        if (e instanceof LoomError) throw e;
        return fail(`the dataset cannot be read (${errorMessage(e)})`, path);
      }
    },
    close() {
      try {
        f.close();
      } finally {
        Module.FS.unlink(name);
      }
    },
  };
}
