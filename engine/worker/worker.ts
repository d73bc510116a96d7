// The training Web Worker's entry: one SessionHost serving the page that started it, on WebGL2
// (an OffscreenCanvas owned by this worker) when available and correct, else the CPU.
import './zodConfig.ts';
import { SessionHost, type HostPort } from './host.ts';
import { webglProvider } from './webglProvider.ts';

const scope = self as unknown as HostPort & {
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
};
const host = new SessionHost(scope, { webgl: webglProvider });
scope.addEventListener('message', (e) => host.handle(e.data));
