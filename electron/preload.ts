// The one bridge between the sandboxed renderer and main. It exposes exactly the functions typed in
// api.ts (built from channels.ts by bridge.ts) and never hands the renderer ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('layerloom', createBridge(ipcRenderer));
