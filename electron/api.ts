// The TYPE of the bridge electron/preload.ts exposes as `window.layerloom`. Type-only: the renderer
// imports it, and in a plain web build `window.layerloom` is simply undefined.

/** The functions the desktop shell offers the renderer; each one is one IPC channel. */
export interface LayerloomBridge {
  /** The desktop app's version, e.g. "0.1.0". */
  version(): Promise<string>;
}

declare global {
  interface Window {
    /** Present only inside the Electron shell. */
    readonly layerloom?: LayerloomBridge;
  }
}
