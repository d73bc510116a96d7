// The desktop shell's version through the bridge; null in a plain browser.
import { useEffect, useState } from 'react';
import type { LayerloomBridge } from '../../../electron/api.ts';

/** Reads the desktop version through the bridge; stays null in a plain browser. */
export function useDesktopVersion(): string | null {
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    const bridge: LayerloomBridge | undefined = window.layerloom;
    if (!bridge) return;
    let live = true;
    bridge.version().then(
      (v) => {
        if (live) setVersion(v);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return version;
}
