// The system clipboard for copy/paste, with an in-memory fallback when the browser denies access
// (no permission, not focused). Text only: a selection travels as JSON (see fragment.ts).
let memory: string | null = null;
let systemHasLatest = false;

/** Writes `text` to the system clipboard and the in-memory one. */
export async function writeClipboard(text: string): Promise<void> {
  memory = text;
  systemHasLatest = false;
  try {
    await navigator.clipboard.writeText(text);
    systemHasLatest = true;
  } catch {
    // Permission denied or no focus: the in-memory copy serves this window.
  }
}

/** The clipboard text: the system clipboard when readable, else what this window last copied. */
export async function readClipboard(): Promise<string | null> {
  try {
    const text = await navigator.clipboard.readText();
    // A failed write left the system clipboard stale; this window's own copy is newer.
    if (!systemHasLatest && memory !== null && !text.includes('layerloom/selection')) return memory;
    return text;
  } catch {
    return memory;
  }
}
