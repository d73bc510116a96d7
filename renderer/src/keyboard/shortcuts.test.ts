import { describe, expect, it } from 'vitest';
import { isMacPlatform, shortcutFor, type KeyChord } from './shortcuts.ts';

const chord = (key: string, mods: Partial<KeyChord> = {}): KeyChord => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const pc = { mac: false, inTextField: false };
const mac = { mac: true, inTextField: false };

describe('shortcutFor', () => {
  it('maps Ctrl chords on Windows/Linux', () => {
    expect(shortcutFor(chord('z', { ctrlKey: true }), pc)).toBe('undo');
    expect(shortcutFor(chord('Z', { ctrlKey: true, shiftKey: true }), pc)).toBe('redo');
    expect(shortcutFor(chord('y', { ctrlKey: true }), pc)).toBe('redo');
    expect(shortcutFor(chord('s', { ctrlKey: true }), pc)).toBe('save');
    expect(shortcutFor(chord('S', { ctrlKey: true, shiftKey: true }), pc)).toBe('saveAs');
    expect(shortcutFor(chord('o', { ctrlKey: true }), pc)).toBe('open');
    expect(shortcutFor(chord('n', { ctrlKey: true }), pc)).toBe('new');
  });
  it('uses Cmd on macOS and ignores Ctrl there', () => {
    expect(shortcutFor(chord('z', { metaKey: true }), mac)).toBe('undo');
    expect(shortcutFor(chord('z', { ctrlKey: true }), mac)).toBeNull();
    expect(shortcutFor(chord('z', { metaKey: true }), pc)).toBeNull();
  });
  it('ignores plain keys and Alt chords', () => {
    expect(shortcutFor(chord('z'), pc)).toBeNull();
    expect(shortcutFor(chord('z', { ctrlKey: true, altKey: true }), pc)).toBeNull();
    expect(shortcutFor(chord('q', { ctrlKey: true }), pc)).toBeNull();
  });
  it('leaves text fields their own undo, but still saves from them', () => {
    const typing = { mac: false, inTextField: true };
    expect(shortcutFor(chord('z', { ctrlKey: true }), typing)).toBeNull();
    expect(shortcutFor(chord('n', { ctrlKey: true }), typing)).toBeNull();
    expect(shortcutFor(chord('s', { ctrlKey: true }), typing)).toBe('save');
    expect(shortcutFor(chord('S', { ctrlKey: true, shiftKey: true }), typing)).toBe('saveAs');
  });
  it('maps the training keys: F10 / Ctrl+Enter step, Shift+F10 epoch, F8 / Ctrl+Shift+Enter run', () => {
    expect(shortcutFor(chord('F10'), pc)).toBe('trainStep');
    expect(shortcutFor(chord('F10', { shiftKey: true }), pc)).toBe('trainEpoch');
    expect(shortcutFor(chord('F8'), mac)).toBe('trainRunPause');
    expect(shortcutFor(chord('Enter', { ctrlKey: true }), pc)).toBe('trainStep');
    expect(shortcutFor(chord('Enter', { metaKey: true, shiftKey: true }), mac)).toBe(
      'trainRunPause',
    );
    expect(shortcutFor(chord('Enter'), pc)).toBeNull();
    expect(
      shortcutFor(chord('Enter', { ctrlKey: true }), { mac: false, inTextField: true }),
    ).toBeNull();
    expect(shortcutFor(chord('F10', { altKey: true }), pc)).toBeNull();
  });
});

describe('isMacPlatform', () => {
  it('recognises Apple platforms', () => {
    expect(isMacPlatform('MacIntel')).toBe(true);
    expect(isMacPlatform('Linux x86_64')).toBe(false);
    expect(isMacPlatform('Win32')).toBe(false);
  });
});
