import { describe, expect, it } from 'vitest';
import { jsonErrorLocation } from './jsonError.ts';

describe('jsonErrorLocation', () => {
  it('returns null for valid JSON', () => {
    for (const t of ['{}', '[1, -2.5e3, "a\\n", true, false, null]', ' {"a": {"b": []}} '])
      expect(jsonErrorLocation(t)).toBeNull();
  });

  it('points at the first bad character', () => {
    expect(jsonErrorLocation('{\n  "a": 1,\n  "n": [,]\n}')).toEqual({ line: 3, column: 9 });
    expect(jsonErrorLocation('{"a" 1}')).toEqual({ line: 1, column: 6 });
    expect(jsonErrorLocation('{"a":tru}')).toEqual({ line: 1, column: 9 });
    expect(jsonErrorLocation('[1,2')).toEqual({ line: 1, column: 5 });
    expect(jsonErrorLocation('{} x')).toEqual({ line: 1, column: 4 });
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const t of ['{"a":01}', '{"a":"\\x"}', '[1,]', '{"a":1,}', '"\u0001"', '[.5]']) {
      expect(() => JSON.parse(t)).toThrow();
      expect(jsonErrorLocation(t)).not.toBeNull();
    }
  });
});
