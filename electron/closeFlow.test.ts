import { describe, expect, it } from 'vitest';
import {
  choiceFromResponse,
  closeReducer,
  INITIAL_CLOSE_STATE,
  unsavedChangesPrompt,
  windowTitle,
  type CloseEffect,
  type CloseEvent,
  type CloseState,
} from './closeFlow.ts';

/** Runs events from `state`, collecting every effect. */
function run(events: CloseEvent[], state: CloseState = INITIAL_CLOSE_STATE) {
  const effects: CloseEffect[] = [];
  for (const e of events) {
    const r = closeReducer(state, e);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}

const close: CloseEvent = { type: 'close-requested' };
const dirty: CloseEvent = { type: 'dirty', dirty: true };

describe('closeReducer', () => {
  it('closes a clean window at once and clears its backup', () => {
    expect(run([close])).toEqual({
      state: { dirty: false, phase: 'closing' },
      effects: ['clear-recovery'],
    });
  });

  it('prompts for a dirty window and keeps it open', () => {
    expect(run([dirty, close])).toEqual({
      state: { dirty: true, phase: 'prompting' },
      effects: ['prevent-close', 'show-prompt'],
    });
  });

  it('Cancel keeps the window and its changes', () => {
    const r = run([dirty, close, { type: 'choice', choice: 'cancel' }]);
    expect(r.state).toEqual({ dirty: true, phase: 'open' });
    expect(r.effects).not.toContain('close-window');
  });

  it("Don't Save closes and drops the backup", () => {
    const r = run([dirty, close, { type: 'choice', choice: 'discard' }]);
    expect(r.effects).toEqual(['prevent-close', 'show-prompt', 'clear-recovery', 'close-window']);
    // The close that follows is let through.
    expect(closeReducer(r.state, close).effects).toEqual([]);
  });

  it('Save asks the renderer to save and closes only after the save succeeded', () => {
    const asked = run([dirty, close, { type: 'choice', choice: 'save' }]);
    expect(asked.effects.at(-1)).toBe('ask-renderer-to-save');
    expect(asked.state.phase).toBe('saving');
    // Closing again while saving is refused (no second prompt).
    expect(closeReducer(asked.state, close).effects).toEqual(['prevent-close']);
    const saved = closeReducer(asked.state, { type: 'saved' });
    expect(saved).toEqual({ state: { dirty: false, phase: 'closing' }, effects: ['close-window'] });
  });

  it('a cancelled or failed save keeps the window open and dirty', () => {
    const r = run([dirty, close, { type: 'choice', choice: 'save' }, { type: 'save-abandoned' }]);
    expect(r.state).toEqual({ dirty: true, phase: 'open' });
    expect(r.effects).not.toContain('close-window');
    // And the next close asks again.
    expect(closeReducer(r.state, close).effects).toEqual(['prevent-close', 'show-prompt']);
  });

  it('an ordinary save marks the window clean without closing it', () => {
    expect(run([dirty, { type: 'saved' }])).toEqual({
      state: { dirty: false, phase: 'open' },
      effects: [],
    });
  });

  it('ignores stray choices and prompts only once while prompting', () => {
    expect(run([{ type: 'choice', choice: 'discard' }]).effects).toEqual([]);
    expect(run([dirty, close, close]).effects).toEqual([
      'prevent-close',
      'show-prompt',
      'prevent-close',
    ]);
  });
});

describe('unsaved-changes prompt', () => {
  it('offers Save, Don’t Save, Cancel with Cancel on Escape', () => {
    const p = unsavedChangesPrompt('two-tower.loom');
    expect(p.buttons).toEqual(['Save', "Don't Save", 'Cancel']);
    expect(p.buttons[p.cancelId]).toBe('Cancel');
    expect(p.buttons[p.defaultId]).toBe('Save');
    expect(p.message).toContain('two-tower.loom');
  });

  it('maps responses to choices, unknown ones to cancel', () => {
    expect([0, 1, 2, 3, -1].map(choiceFromResponse)).toEqual([
      'save',
      'discard',
      'cancel',
      'cancel',
      'cancel',
    ]);
  });
});

describe('windowTitle', () => {
  it('marks unsaved changes except on macOS (which shows a dot in the close button)', () => {
    expect(windowTitle('a.loom', false, 'linux')).toBe('a.loom — Layerloom');
    expect(windowTitle('a.loom', true, 'win32')).toBe('• a.loom — Layerloom');
    expect(windowTitle('a.loom', true, 'darwin')).toBe('a.loom — Layerloom');
    expect(windowTitle('  ', false, 'linux')).toBe('Untitled — Layerloom');
  });
});
