import { describe, expect, it } from 'vitest';
import { isLoomError, type LoomError } from '../errors.ts';
import { messageId, parseRequest } from './validate.ts';

function rejection(raw: unknown): LoomError {
  try {
    parseRequest(raw);
  } catch (e) {
    if (isLoomError(e)) return e;
    throw e;
  }
  throw new Error('accepted');
}

const rows = (n: number, width: number) => ({ data: new Float32Array(n * width), width });

describe('parseRequest', () => {
  it('accepts every well-formed request and keeps its arrays', () => {
    const data = { n: 4, inputs: { a: rows(4, 3) }, targets: { y: rows(4, 1) } };
    const ok = [
      { id: 1, type: 'load', project: { schemaVersion: 1 }, preferBackend: 'webgl' },
      { id: 2, type: 'load', project: {}, data, validation: data, preferBackend: 'cpu' },
      { id: 3, type: 'step' },
      { id: 4, type: 'step', count: 5, detail: true },
      { id: 5, type: 'run', steps: 10 },
      { id: 6, type: 'run', epochs: 2 },
      { id: 7, type: 'pause' },
      { id: 8, type: 'reset', fresh: true },
      { id: 9, type: 'setWeights', weights: { 'd/kernel': new Float32Array(3) } },
      { id: 10, type: 'getWeights' },
      { id: 11, type: 'evaluate' },
      { id: 12, type: 'evaluate', data },
      { id: 13, type: 'predict', data: { n: 4, inputs: { a: rows(4, 3) } } },
    ];
    for (const msg of ok) expect(parseRequest(msg)).toEqual(msg);
    const parsed = parseRequest(ok[1]) as unknown as { data: typeof data };
    expect(parsed.data.inputs.a.data).toBe(data.inputs.a.data);
  });

  it.each([
    [null, undefined, /malformed message/],
    ['step', undefined, /malformed message/],
    [{ id: 1 }, 'type', /malformed message/],
    [{ id: 1, type: 'jump' }, 'type', /malformed 'jump' message/],
    [{ type: 'step' }, 'id', /malformed 'step' message/],
    [{ id: -1, type: 'step' }, 'id', /.+/],
    [{ id: 1.5, type: 'step' }, 'id', /.+/],
    [{ id: 1, type: 'step', count: 0 }, 'count', /.+/],
    [{ id: 1, type: 'step', count: 2.5 }, 'count', /.+/],
    [{ id: 1, type: 'step', detail: 'yes' }, 'detail', /.+/],
    [{ id: 1, type: 'run' }, undefined, /exactly one of "steps" or "epochs"/],
    [{ id: 1, type: 'run', steps: 1, epochs: 1 }, undefined, /exactly one of/],
    [{ id: 1, type: 'load', project: {} }, 'preferBackend', /.+/],
    [{ id: 1, type: 'load', project: {}, preferBackend: 'gpu' }, 'preferBackend', /.+/],
    [{ id: 1, type: 'setWeights', weights: { k: [1, 2] } }, 'weights.k', /must be a Float32Array/],
    [{ id: 1, type: 'setWeights', weights: { k: new Float64Array(2) } }, 'weights.k', /.+/],
    [{ id: 1, type: 'predict' }, 'data', /.+/],
    [{ id: 1, type: 'predict', data: { n: -1, inputs: {} } }, 'data.n', /.+/],
    [
      { id: 1, type: 'predict', data: { n: 2, inputs: { a: { data: new Float32Array(2) } } } },
      'data.inputs.a.width',
      /.+/,
    ],
  ])('rejects %j at %s', (raw, path, message) => {
    const e = rejection(raw);
    expect(e.code).toBe('worker/message');
    expect(e.where.path).toBe(path);
    expect(e.what).toMatch(message);
    expect(e.fix).toMatch(/worker client/);
  });

  it('checks that every array holds n × width values', () => {
    const e = rejection({
      id: 1,
      type: 'load',
      project: {},
      preferBackend: 'cpu',
      data: { n: 4, inputs: { a: rows(4, 3) }, targets: { y: rows(3, 1) } },
    });
    expect(e.where.path).toBe('data.targets.y.data');
    expect(e.what).toBe("the targets for 'y' hold 3 values, but 4 samples × width 1 need 4");
    const v = rejection({
      id: 1,
      type: 'load',
      project: {},
      preferBackend: 'cpu',
      validation: { n: 2, inputs: { a: rows(1, 3) } },
    });
    expect(v.where.path).toBe('validation.inputs.a.data');
  });
});

describe('messageId', () => {
  it('finds a usable id even in a malformed message', () => {
    expect(messageId({ id: 4, type: 'nope' })).toBe(4);
    expect(messageId({ id: '4' })).toBeUndefined();
    expect(messageId({ id: -2 })).toBeUndefined();
    expect(messageId(null)).toBeUndefined();
    expect(messageId(7)).toBeUndefined();
  });
});
