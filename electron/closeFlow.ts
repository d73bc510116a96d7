// What happens when a window is asked to close: a pure reducer over the window's close state, so
// "never lose work" is unit-tested. A dirty window prompts Save / Don't Save / Cancel; "Save" asks
// the renderer to save and closes only after a save succeeds; a cancelled or failed save keeps the
// window open.

/** The phase of closing a window. */
export type ClosePhase = 'open' | 'prompting' | 'saving' | 'closing';

/** A window's close-relevant state. */
export interface CloseState {
  readonly dirty: boolean;
  readonly phase: ClosePhase;
}

/** Inputs to the reducer. */
export type CloseEvent =
  | { readonly type: 'close-requested' }
  | { readonly type: 'choice'; readonly choice: UnsavedChoice }
  | { readonly type: 'dirty'; readonly dirty: boolean }
  | { readonly type: 'saved' }
  | { readonly type: 'save-abandoned' };

/** What main must do after an event. */
export type CloseEffect =
  'prevent-close' | 'show-prompt' | 'ask-renderer-to-save' | 'clear-recovery' | 'close-window';

/** The answer to the unsaved-changes prompt. */
export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** A fresh window: clean and open. */
export const INITIAL_CLOSE_STATE: CloseState = { dirty: false, phase: 'open' };

/** The next state and the effects to run, for `event` in `state`. */
export function closeReducer(
  state: CloseState,
  event: CloseEvent,
): { state: CloseState; effects: CloseEffect[] } {
  switch (event.type) {
    case 'close-requested':
      if (state.phase === 'closing') return { state, effects: [] };
      if (state.phase !== 'open') return { state, effects: ['prevent-close'] };
      if (!state.dirty) {
        return { state: { ...state, phase: 'closing' }, effects: ['clear-recovery'] };
      }
      return { state: { ...state, phase: 'prompting' }, effects: ['prevent-close', 'show-prompt'] };
    case 'choice':
      if (state.phase !== 'prompting') return { state, effects: [] };
      if (event.choice === 'cancel') return { state: { ...state, phase: 'open' }, effects: [] };
      if (event.choice === 'discard') {
        return {
          state: { ...state, phase: 'closing' },
          effects: ['clear-recovery', 'close-window'],
        };
      }
      return { state: { ...state, phase: 'saving' }, effects: ['ask-renderer-to-save'] };
    case 'dirty':
      return { state: { ...state, dirty: event.dirty }, effects: [] };
    case 'saved':
      if (state.phase !== 'saving') return { state: { ...state, dirty: false }, effects: [] };
      return { state: { dirty: false, phase: 'closing' }, effects: ['close-window'] };
    case 'save-abandoned':
      if (state.phase !== 'saving') return { state, effects: [] };
      return { state: { ...state, phase: 'open' }, effects: [] };
  }
}

/** The buttons of the unsaved-changes prompt, in order, and the choice each one means. */
export const UNSAVED_BUTTONS: ReadonlyArray<readonly [label: string, choice: UnsavedChoice]> = [
  ['Save', 'save'],
  ["Don't Save", 'discard'],
  ['Cancel', 'cancel'],
];

/** Options for dialog.showMessageBox asking whether to save `title` before closing. */
export function unsavedChangesPrompt(title: string): {
  type: 'warning';
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
  message: string;
  detail: string;
} {
  return {
    type: 'warning',
    buttons: UNSAVED_BUTTONS.map(([label]) => label),
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Do you want to save the changes you made to ${title}?`,
    detail: "Your changes will be lost if you don't save them.",
  };
}

/** The choice for a message-box response index (anything unknown cancels). */
export function choiceFromResponse(index: number): UnsavedChoice {
  return UNSAVED_BUTTONS[index]?.[1] ?? 'cancel';
}

/** The native window title for a document: "• name — Layerloom" when dirty (not on macOS). */
export function windowTitle(docTitle: string, dirty: boolean, platform: NodeJS.Platform): string {
  const name = docTitle.trim() === '' ? 'Untitled' : docTitle.trim();
  const marker = dirty && platform !== 'darwin' ? '• ' : '';
  return `${marker}${name} — Layerloom`;
}
