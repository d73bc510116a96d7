import { describe, expect, it } from 'vitest';
import { errorMessage, LoomError } from './errors.ts';

describe('errorMessage', () => {
  it("gives an Error's message, a cloned error's message, else the value as text", () => {
    expect(errorMessage(new RangeError('too big'))).toBe('too big');
    const loom = new LoomError('io/read', 'cannot read x.csv');
    expect(errorMessage(loom)).toBe(loom.message);
    // What arrives from a worker or over IPC: a plain object with the message.
    expect(errorMessage(structuredClone({ code: 'io/read', message: 'cannot read' }))).toBe(
      'cannot read',
    );
    expect(errorMessage({ message: 42 })).toBe('[object Object]');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(null)).toBe('null');
  });
});
