import { describe, expect, it } from 'vitest';
import type { BridgeError, IpcResult, OpenedFile } from './api.ts';
import { createBridge, type RendererIpc } from './bridge.ts';
import { EVENT_CHANNELS, INVOKE_CHANNELS, MENU_COMMANDS } from './channels.ts';
import { createHandlers, type ShellServices } from './handlers.ts';
import { guardAll } from './ipc.ts';

/** A fake ipcRenderer: records invokes, answers with `reply`, and lets tests emit events. */
function fakeIpc(
  reply: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: null }),
) {
  const invoked: Array<[string, unknown[]]> = [];
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const ipc: RendererIpc = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, args]);
      return reply(channel, args);
    },
    on: (channel, listener) => listeners.set(channel, listener),
  };
  const emit = (channel: string, payload: unknown) =>
    listeners.get(channel)?.({ sender: 'x' }, payload);
  return { ipc, invoked, emit, listeners };
}

const unusedServices = new Proxy({} as ShellServices, {
  get: () => {
    throw new Error('not used');
  },
});

describe('createBridge', () => {
  it('exposes exactly one function per channel main handles, plus the two subscriptions', () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createBridge(ipc);
    const handled = Object.keys(guardAll(createHandlers(unusedServices)));
    const invokers = Object.keys(bridge).filter(
      (k) => k !== 'onMenuCommand' && k !== 'onFileOpened',
    );
    expect(invokers.sort()).toEqual(handled.sort());
    expect(Object.keys(bridge).length).toBe(handled.length + 2);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    // Each function calls its own channel and nothing else.
    for (const method of invokers)
      void (bridge as unknown as Record<string, () => unknown>)[method]!();
    expect(invoked.map(([c]) => c).sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });

  it('channel names are unique and follow area:name', () => {
    const names = [...Object.values(INVOKE_CHANNELS), ...Object.values(EVENT_CHANNELS)];
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z]+:[a-zA-Z-]+$/);
  });

  it('forwards arguments and resolves with the value of an ok result', async () => {
    const { ipc, invoked } = fakeIpc(() => ({ ok: true, value: { handle: 'h', name: 'a.loom' } }));
    const bridge = createBridge(ipc);
    await expect(bridge.save('f'.repeat(32), '{}')).resolves.toEqual({
      handle: 'h',
      name: 'a.loom',
    });
    expect(invoked).toEqual([['file:save', ['f'.repeat(32), '{}']]]);
  });

  it('rejects with the BridgeError of a failed result', async () => {
    const error: BridgeError = {
      name: 'LoomError',
      code: 'io/write',
      what: 'the disk is full',
      where: { file: 'a.loom' },
      fix: 'Free space.',
      message: 'the disk is full (file a.loom). Free space.',
    };
    const { ipc } = fakeIpc((): IpcResult<never> => ({ ok: false, error }));
    await expect(createBridge(ipc).save('f'.repeat(32), '{}')).rejects.toEqual(error);
  });

  it('rejects with an internal BridgeError on a malformed reply', async () => {
    const { ipc } = fakeIpc(() => 'garbage');
    await expect(createBridge(ipc).version()).rejects.toMatchObject({
      name: 'LoomError',
      code: 'internal',
    });
  });

  it('delivers known menu commands only, never the IPC event, and unsubscribes', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createBridge(ipc);
    const seen: unknown[][] = [];
    const off = bridge.onMenuCommand((...args: unknown[]) => seen.push(args));
    for (const c of MENU_COMMANDS) emit(EVENT_CHANNELS.menuCommand, c);
    emit(EVENT_CHANNELS.menuCommand, 'menu:format-disk');
    emit(EVENT_CHANNELS.menuCommand, { command: 'menu:save' });
    off();
    emit(EVENT_CHANNELS.menuCommand, 'menu:save');
    expect(seen).toEqual(MENU_COMMANDS.map((c) => [c]));
  });

  it('does not replay menu commands sent before anyone listened', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createBridge(ipc);
    emit(EVENT_CHANNELS.menuCommand, 'menu:save');
    const seen: string[] = [];
    bridge.onMenuCommand((c) => seen.push(c));
    expect(seen).toEqual([]);
  });

  it('queues opened files until the first listener, then delivers live', () => {
    const { ipc, emit } = fakeIpc();
    const bridge = createBridge(ipc);
    const a: OpenedFile = { handle: 'a'.repeat(32), name: 'a.loom', text: '{}' };
    const b: OpenedFile = { handle: 'b'.repeat(32), name: 'b.loom', text: '[]' };
    emit(EVENT_CHANNELS.fileOpened, a);
    emit(EVENT_CHANNELS.fileOpened, { handle: 1, name: 'bad', text: '' });
    const seen: OpenedFile[] = [];
    bridge.onFileOpened((f) => seen.push(f));
    emit(EVENT_CHANNELS.fileOpened, b);
    expect(seen).toEqual([a, b]);
  });
});
