// Builds the `window.layerloom` object from the channel list. Pure (takes an ipcRenderer-shaped
// object), so the exact set of exposed functions is unit-tested without Electron. Invariant: the
// renderer never receives ipcRenderer, an IPC event object, or any function not typed in api.ts.
import type { BridgeError, IpcResult, LayerloomBridge, MenuCommand, OpenedFile } from './api.ts';
import { LoomError } from '../engine/errors.ts';
import { EVENT_CHANNELS, INVOKE_CHANNELS, INVOKE_METHODS, isMenuCommand } from './channels.ts';

/** The parts of Electron's ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function isOpenedFile(value: unknown): value is OpenedFile {
  const v = value as Partial<OpenedFile> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.handle === 'string' &&
    typeof v.name === 'string' &&
    typeof v.text === 'string'
  );
}

/** `e` as the plain object that survives the context bridge (see api.ts). */
export function plainBridgeError(e: LoomError): BridgeError {
  return {
    name: 'LoomError',
    code: e.code,
    what: e.what,
    where: { ...e.where },
    fix: e.fix,
    message: e.message,
  };
}

function malformedReply(channel: string): BridgeError {
  return plainBridgeError(
    new LoomError(
      'internal',
      `the desktop shell sent a malformed reply on '${channel}'`,
      { path: channel },
      'Restart Layerloom; if it persists, report a bug.',
    ),
  );
}

async function call(ipc: RendererIpc, channel: string, args: unknown[]): Promise<unknown> {
  const result = (await ipc.invoke(channel, ...args)) as IpcResult<unknown> | undefined;
  if (result && result.ok === true) return result.value;
  throw result && result.ok === false ? result.error : malformedReply(channel);
}

/** A listener set that forwards `channel` events passing `accept`, queueing them until heard. */
function subscription<T>(
  ipc: RendererIpc,
  channel: string,
  accept: (v: unknown) => v is T,
  queueUntilHeard: boolean,
): (listener: (value: T) => void) => () => void {
  const listeners = new Set<(value: T) => void>();
  const queue: T[] = [];
  ipc.on(channel, (_event, payload) => {
    if (!accept(payload)) return;
    if (listeners.size === 0) {
      if (queueUntilHeard) queue.push(payload);
      return;
    }
    for (const l of listeners) l(payload);
  });
  return (listener) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    listeners.add(listener);
    for (const v of queue.splice(0)) listener(v);
    return () => {
      listeners.delete(listener);
    };
  };
}

/** The bridge: one invoking function per INVOKE_CHANNELS entry plus the two event subscriptions. */
export function createBridge(ipc: RendererIpc): LayerloomBridge {
  const invokers = Object.fromEntries(
    INVOKE_METHODS.map((method) => {
      const channel = INVOKE_CHANNELS[method];
      return [method, (...args: unknown[]) => call(ipc, channel, args)];
    }),
  );
  return {
    ...(invokers as unknown as Omit<LayerloomBridge, 'onMenuCommand' | 'onFileOpened'>),
    onMenuCommand: subscription<MenuCommand>(ipc, EVENT_CHANNELS.menuCommand, isMenuCommand, false),
    onFileOpened: subscription<OpenedFile>(ipc, EVENT_CHANNELS.fileOpened, isOpenedFile, true),
  };
}
