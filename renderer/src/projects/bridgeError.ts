// Rejections from the desktop bridge are plain BridgeError objects (the context bridge drops Error
// subclasses' fields); this turns them back into LoomErrors so the UI reports them like any other.
import type { BridgeError } from '../../../electron/api.ts';
import { LoomError } from '../../../engine/errors.ts';

function isBridgeError(e: unknown): e is BridgeError {
  const b = e as Partial<BridgeError> | null;
  return (
    typeof b === 'object' && b !== null && b.name === 'LoomError' && typeof b.what === 'string'
  );
}

/** Calls a bridge method, rethrowing a BridgeError rejection as a LoomError. */
export async function viaBridge<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (isBridgeError(e)) throw new LoomError(e.code, e.what, e.where ?? {}, e.fix ?? '');
    throw e;
  }
}
