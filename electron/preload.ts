// The one bridge between the sandboxed renderer and main. It exposes exactly the functions typed in
// api.ts, one per IPC channel, and never hands the renderer ipcRenderer or any Node object.
import { contextBridge, ipcRenderer } from 'electron';
import type { LayerloomBridge } from './api.ts';
import { IPC_CHANNELS } from './channels.ts';

const bridge: LayerloomBridge = {
  version: () => ipcRenderer.invoke(IPC_CHANNELS.version) as Promise<string>,
};

contextBridge.exposeInMainWorld('layerloom', bridge);
