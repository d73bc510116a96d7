// Where a project opened from outside (Open Recent, command line, OS) goes. Pure.

/** A window as far as choosing a target is concerned. */
export interface OpenCandidate {
  readonly id: number;
  readonly dirty: boolean;
}

/**
 * The focused window when it has no unsaved changes (its document is replaced), otherwise 'new':
 * a document with unsaved changes is never replaced.
 */
export function chooseWindowForOpen(
  windows: readonly OpenCandidate[],
  focusedId: number | null,
): number | 'new' {
  const focused = windows.find((w) => w.id === focusedId);
  return focused && !focused.dirty ? focused.id : 'new';
}
