// Global keyboard shortcuts as data: which key chord means which command. Pure, so the mapping is
// unit-tested; useShortcuts binds it to the window.

/** The commands that have global shortcuts. */
export type ShortcutCommand =
  | 'undo'
  | 'redo'
  | 'save'
  | 'saveAs'
  | 'open'
  | 'new'
  | 'trainStep'
  | 'trainEpoch'
  | 'trainRunPause';

/** The parts of a KeyboardEvent the mapping reads. */
export interface KeyChord {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Whether the platform's command key is Cmd (macOS) rather than Ctrl. */
export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/**
 * The command a chord triggers, or null. `inTextField` is true while typing in an input, textarea
 * or select: there only Save and Save As apply, so the field keeps its own undo and shortcuts.
 */
export function shortcutFor(
  e: KeyChord,
  opts: { mac: boolean; inTextField: boolean },
): ShortcutCommand | null {
  const mod = opts.mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  // Training keys follow debuggers: F10 steps (Shift+F10 finishes the epoch), F8 runs/pauses.
  if (!mod && !e.altKey && !e.metaKey && !e.ctrlKey) {
    if (e.key === 'F10') return e.shiftKey ? 'trainEpoch' : 'trainStep';
    if (e.key === 'F8' && !e.shiftKey) return 'trainRunPause';
  }
  if (!mod || e.altKey) return null;
  if (e.key === 'Enter' && !opts.inTextField) return e.shiftKey ? 'trainRunPause' : 'trainStep';
  const key = e.key.toLowerCase();
  let command: ShortcutCommand | null = null;
  if (key === 's') command = e.shiftKey ? 'saveAs' : 'save';
  else if (key === 'z') command = e.shiftKey ? 'redo' : 'undo';
  else if (key === 'y' && !e.shiftKey && !opts.mac) command = 'redo';
  else if (key === 'o' && !e.shiftKey) command = 'open';
  else if (key === 'n' && !e.shiftKey) command = 'new';
  if (command && opts.inTextField && command !== 'save' && command !== 'saveAs') return null;
  return command;
}

/** Whether keyboard focus is in something that edits text (where typing shortcuts must not fire). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
      target.type,
    );
  return false;
}
