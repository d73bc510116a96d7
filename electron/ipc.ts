// Validation for IPC in the main process: every call must come from the top frame of an app://
// page and carry arguments matching its method's schema; only then does the handler run. Pure, so
// it is unit-tested (and fuzzed) without Electron. Invariant: a guarded call never throws; it
// resolves to an IpcResult whose error is always a BridgeError.
import { z } from 'zod';
import type { BridgeError, InvokeMethod, IpcResult, LayerloomBridge } from './api.ts';
import { isLoomError, LoomError } from '../engine/errors.ts';
import { plainBridgeError } from './bridge.ts';
import { INVOKE_CHANNELS } from './channels.ts';
import { HANDLE_PATTERN } from './files/handles.ts';
import type { Handler, HandlerRegistry, ShellWindow } from './handlers.ts';
import { isAppUrl } from './navigation.ts';

/** Longest document text accepted over IPC (characters). */
export const MAX_TEXT_CHARS = 256 * 1024 * 1024;
/** Largest export accepted over IPC (bytes). */
export const MAX_EXPORT_BYTES = 1024 * 1024 * 1024;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

const handle = z.string().regex(HANDLE_PATTERN, 'not a file handle');
const text = z.string().max(MAX_TEXT_CHARS, 'document too large');
const shortLabel = z
  .string()
  .max(255, 'too long')
  .refine((s) => !CONTROL_CHARS.test(s), 'contains control characters');
const exportFormat = z.enum(['json', 'safetensors', 'npz', 'tfjs', 'keras', 'python']);
const importKind = z.enum(['project', 'csv', 'npy', 'npz', 'idx', 'safetensors', 'json']);
const bytes = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength <= MAX_EXPORT_BYTES, 'export too large');

/** The argument list each bridge method accepts, typed against api.ts. */
export const IPC_ARG_SCHEMAS = {
  version: z.tuple([]),
  newWindow: z.tuple([]),
  open: z.tuple([]),
  save: z.tuple([handle, text]),
  saveAs: z.tuple([shortLabel, text]),
  exportFile: z.tuple([exportFormat, shortLabel, bytes]),
  importFile: z.tuple([z.array(importKind).min(1).max(16)]),
  writeRecovery: z.tuple([text]),
  readRecovery: z.tuple([]),
  clearRecovery: z.tuple([]),
  setTitle: z.tuple([shortLabel]),
  setDirty: z.tuple([z.boolean()]),
} satisfies { readonly [M in InvokeMethod]: z.ZodType<Parameters<LayerloomBridge[M]>> };

/** Where an IPC call came from. */
export interface IpcSender {
  /** URL of the sending frame; undefined when the frame is gone. */
  readonly frameUrl: string | undefined;
  /** Whether the sender is the window's top frame (not an iframe). */
  readonly isMainFrame: boolean;
}

/** Throws an 'ipc/sender' LoomError unless the sender is the top frame of an app:// page. */
export function assertTrustedSender(method: InvokeMethod, sender: IpcSender): void {
  const { frameUrl, isMainFrame } = sender;
  if (frameUrl === undefined || !isAppUrl(frameUrl) || !isMainFrame) {
    throw new LoomError(
      'ipc/sender',
      `IPC call on '${INVOKE_CHANNELS[method]}' from an untrusted frame (${frameUrl ?? 'destroyed frame'}${isMainFrame ? '' : ', not the top frame'})`,
      { path: INVOKE_CHANNELS[method] },
      'Only Layerloom’s own pages may call the desktop bridge; reload the window.',
    );
  }
}

/** Validates `args` against the method's schema and returns them; else an 'ipc/args' LoomError. */
export function parseIpcArgs<M extends InvokeMethod>(
  method: M,
  args: readonly unknown[],
): Parameters<LayerloomBridge[M]> {
  const result = IPC_ARG_SCHEMAS[method].safeParse(args);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue && issue.path.length > 0 ? ` at argument ${issue.path.join('.')}` : '';
    throw new LoomError(
      'ipc/args',
      `invalid arguments for '${INVOKE_CHANNELS[method]}'${at}: ${issue?.message ?? 'rejected'}`,
      { path: INVOKE_CHANNELS[method] },
      'Call the bridge function exactly as typed in electron/api.ts.',
    );
  }
  return result.data as Parameters<LayerloomBridge[M]>;
}

/** Any thrown value as the plain BridgeError the renderer receives. */
export function toBridgeError(error: unknown): BridgeError {
  if (isLoomError(error)) return plainBridgeError(error);
  return plainBridgeError(
    new LoomError(
      'internal',
      `unexpected error in the desktop shell: ${error instanceof Error ? error.message : String(error)}`,
      {},
      'Try again; if it persists, report a bug.',
    ),
  );
}

/** A guarded handler: checks the sender, validates, runs, and wraps the outcome. */
export type GuardedHandler = (
  sender: IpcSender,
  win: ShellWindow | undefined,
  args: readonly unknown[],
) => Promise<IpcResult<unknown>>;

/** Wraps `handler` so it only ever runs for a trusted sender, a known window and valid args. */
export function guard<M extends InvokeMethod>(method: M, handler: Handler<M>): GuardedHandler {
  return async (sender, win, args) => {
    try {
      assertTrustedSender(method, sender);
      if (win === undefined) {
        throw new LoomError(
          'ipc/sender',
          `IPC call on '${INVOKE_CHANNELS[method]}' from a window the shell does not manage`,
          { path: INVOKE_CHANNELS[method] },
          'Reload the window.',
        );
      }
      const parsed = parseIpcArgs(method, args);
      return { ok: true, value: await handler(win, ...parsed) };
    } catch (e) {
      return { ok: false, error: toBridgeError(e) };
    }
  };
}

/** Every handler of `registry`, guarded; keyed by bridge method. */
export function guardAll(registry: HandlerRegistry): Record<InvokeMethod, GuardedHandler> {
  const out = {} as Record<InvokeMethod, GuardedHandler>;
  for (const method of Object.keys(registry) as InvokeMethod[]) {
    // The mapped type pairs each method with its own handler; TS cannot follow that through a loop.
    out[method] = guard(method, registry[method] as Handler<typeof method>);
  }
  return out;
}
