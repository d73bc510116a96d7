import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InvokeMethod } from './api.ts';
import { INVOKE_CHANNELS, INVOKE_METHODS } from './channels.ts';
import type { Handler, ShellWindow } from './handlers.ts';
import {
  assertTrustedSender,
  guard,
  IPC_ARG_SCHEMAS,
  MAX_EXPORT_BYTES,
  parseIpcArgs,
  toBridgeError,
} from './ipc.ts';
import { isLoomError, LoomError } from '../engine/errors.ts';

const trusted = { frameUrl: 'app://layerloom/index.html', isMainFrame: true };
const fakeWindow = {} as ShellWindow;

describe('assertTrustedSender', () => {
  it('accepts the top frame of the app origin', () => {
    expect(() => assertTrustedSender('version', trusted)).not.toThrow();
    expect(() =>
      assertTrustedSender('save', { frameUrl: 'app://layerloom/?x#y', isMainFrame: true }),
    ).not.toThrow();
  });

  it.each([
    undefined,
    'https://evil.example/',
    'app://layerloom.evil/index.html',
    'app://user@layerloom/index.html',
    'file:///etc/passwd',
    'about:blank',
    'data:text/html,x',
    '',
  ])('rejects frame %j', (frameUrl) => {
    let caught: unknown;
    try {
      assertTrustedSender('version', { frameUrl, isMainFrame: true });
    } catch (e) {
      caught = e;
    }
    expect(isLoomError(caught) && caught.code).toBe('ipc/sender');
  });

  it('rejects an app:// iframe that is not the top frame', () => {
    expect(() =>
      assertTrustedSender('version', {
        frameUrl: 'app://layerloom/index.html',
        isMainFrame: false,
      }),
    ).toThrow(/not the top frame/);
  });
});

describe('parseIpcArgs', () => {
  it('has a schema for exactly the bridge methods', () => {
    expect(Object.keys(IPC_ARG_SCHEMAS).sort()).toEqual([...INVOKE_METHODS].sort());
  });

  it('accepts well-formed calls', () => {
    const handle = 'a'.repeat(32);
    expect(parseIpcArgs('version', [])).toEqual([]);
    expect(parseIpcArgs('save', [handle, '{}'])).toEqual([handle, '{}']);
    const bytes = new Uint8Array([1, 2]);
    expect(parseIpcArgs('exportFile', ['npz', 'model', bytes])).toEqual(['npz', 'model', bytes]);
    expect(parseIpcArgs('importFile', [['csv', 'npy']])).toEqual([['csv', 'npy']]);
    expect(parseIpcArgs('setDirty', [true])).toEqual([true]);
  });

  it.each([
    ['version', ['../../etc/passwd']],
    ['save', ['/etc/passwd', '{}']],
    ['save', ['A'.repeat(32), '{}']],
    ['saveAs', ['a\nb', '{}']],
    ['exportFile', ['exe', 'model', new Uint8Array()]],
    ['exportFile', ['json', 'model', [1, 2, 3]]],
    ['importFile', [[]]],
    ['importFile', [['exe']]],
    ['setTitle', ['x'.repeat(256)]],
    ['setDirty', ['true']],
  ] as Array<[InvokeMethod, unknown[]]>)('rejects %s(%j) naming the channel', (method, args) => {
    let caught: unknown;
    try {
      parseIpcArgs(method, args);
    } catch (e) {
      caught = e;
    }
    expect(isLoomError(caught) && caught.code).toBe('ipc/args');
    expect((caught as Error).message).toContain(INVOKE_CHANNELS[method]);
  });

  it('rejects an export over the size limit without copying it', () => {
    const huge = { byteLength: MAX_EXPORT_BYTES + 1 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    expect(() => parseIpcArgs('exportFile', ['json', 'm', huge])).toThrow(/too large/);
  });
});

describe('guard', () => {
  it('wraps a non-LoomError thrown by a handler as an internal BridgeError', async () => {
    const g = guard('version', async () => {
      throw new TypeError('boom');
    });
    const r = await g(trusted, fakeWindow, []);
    expect(r).toMatchObject({ ok: false, error: { name: 'LoomError', code: 'internal' } });
    expect(!r.ok && r.error.message).toContain('boom');
  });

  it('passes a handler’s LoomError through with all its fields', async () => {
    const g = guard('version', async () => {
      throw new LoomError('io/write', 'the disk is full', { file: '/x.loom' }, 'Free space.');
    });
    const r = await g(trusted, fakeWindow, []);
    expect(r).toEqual({
      ok: false,
      error: {
        name: 'LoomError',
        code: 'io/write',
        what: 'the disk is full',
        where: { file: '/x.loom' },
        fix: 'Free space.',
        message: 'the disk is full (file /x.loom). Free space.',
      },
    });
  });

  it('never runs the handler for an untrusted sender or an unmanaged window', async () => {
    let calls = 0;
    const g = guard('version', async () => {
      calls++;
      return '1';
    });
    const evil = await g({ frameUrl: 'https://evil.example/', isMainFrame: true }, fakeWindow, []);
    const orphan = await g(trusted, undefined, []);
    expect([evil.ok, orphan.ok, calls]).toEqual([false, false, 0]);
    expect(!evil.ok && evil.error.code).toBe('ipc/sender');
  });

  it('serialises to a plain object (survives structured clone)', () => {
    const e = toBridgeError(new LoomError('io/read', 'gone', { file: 'a' }, 'Fix.'));
    expect(structuredClone(e)).toEqual(e);
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
  });
});

// Independent (non-zod) statements of what each channel accepts, so the fuzz test does not
// compare the schema with itself.
const HEX32 = /^[0-9a-f]{32}$/;
const label = (v: unknown) =>
  typeof v === 'string' &&
  v.length <= 255 &&
  [...v].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f);
const FORMATS = ['json', 'safetensors', 'npz', 'tfjs', 'keras', 'python'];
const KINDS = ['project', 'csv', 'npy', 'npz', 'idx', 'safetensors', 'json'];
const VALID: { [M in InvokeMethod]: (a: unknown[]) => boolean } = {
  version: (a) => a.length === 0,
  newWindow: (a) => a.length === 0,
  open: (a) => a.length === 0,
  readRecovery: (a) => a.length === 0,
  clearRecovery: (a) => a.length === 0,
  save: (a) =>
    a.length === 2 && typeof a[0] === 'string' && HEX32.test(a[0]) && typeof a[1] === 'string',
  saveAs: (a) => a.length === 2 && label(a[0]) && typeof a[1] === 'string',
  exportFile: (a) =>
    a.length === 3 && FORMATS.includes(a[0] as string) && label(a[1]) && a[2] instanceof Uint8Array,
  importFile: (a) =>
    a.length === 1 &&
    Array.isArray(a[0]) &&
    a[0].length >= 1 &&
    a[0].length <= 16 &&
    // Index loop, not every(): sparse arrays' holes must count as (invalid) undefined.
    Array.from(a[0] as unknown[]).every((k) => KINDS.includes(k as string)),
  writeRecovery: (a) => a.length === 1 && typeof a[0] === 'string',
  setTitle: (a) => a.length === 1 && label(a[0]),
  setDirty: (a) => a.length === 1 && typeof a[0] === 'boolean',
};

const anything = fc.anything({
  withTypedArray: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: true,
  maxDepth: 1,
  maxKeys: 3,
});
// Values close to valid ones, so the fuzzer also produces accepted calls and near misses.
const near = fc.oneof(
  fc.stringMatching(HEX32),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom('x'.repeat(255), 'x'.repeat(256), 'a\u0000b', 'a\u007fb', 'tab\there'),
  fc.constantFrom(...FORMATS, ...KINDS, 'exe', '', 'JSON'),
  fc.array(fc.constantFrom(...KINDS, 'exe'), { maxLength: 18 }),
  fc.uint8Array({ maxLength: 16 }),
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }),
  fc.boolean(),
  fc.constantFrom(0, 1, 'true', null, undefined),
);
const payload = fc.oneof(
  fc.array(anything, { maxLength: 4 }),
  fc.array(near, { maxLength: 4 }),
  fc.array(near, { minLength: 1, maxLength: 3 }),
);

describe('10,000 fuzzed payloads per channel', () => {
  it('every channel: only typed rejections, never a handler call with bad args', async () => {
    // Each payload is sent to every channel: 10,000 payloads per channel for a twelfth of the
    // generation cost. A failure reports the payload; the message names the channel.
    const received = new Map<InvokeMethod, unknown[][]>(INVOKE_METHODS.map((m) => [m, []]));
    const accepted = new Map<InvokeMethod, number>(INVOKE_METHODS.map((m) => [m, 0]));
    const guarded = INVOKE_METHODS.map((method) => {
      const handler = (async (_win: ShellWindow, ...args: unknown[]) => {
        received.get(method)!.push(args);
        return null;
      }) as unknown as Handler<typeof method>;
      return [method, guard(method, handler)] as const;
    });
    await fc.assert(
      fc.asyncProperty(payload, async (args) => {
        for (const [method, call] of guarded) {
          const calls = received.get(method)!;
          const before = calls.length;
          const result = await call(trusted, fakeWindow, args);
          const valid = VALID[method](args);
          // Plain checks, not expect(): 120,000 calls stay fast; fast-check shrinks failures.
          const fail = (why: string) => {
            throw new Error(`${method}: ${why}`);
          };
          if (result.ok) {
            if (!valid) fail('accepted invalid arguments');
            if (calls.length !== before + 1) fail('handler not called exactly once');
            expect(calls[before]).toEqual(args);
            accepted.set(method, accepted.get(method)! + 1);
          } else {
            const e = result.error;
            if (valid) fail(`rejected valid arguments: ${e.message}`);
            if (calls.length !== before) fail('handler called with invalid arguments');
            if (e.name !== 'LoomError' || e.code !== 'ipc/args')
              fail(`untyped rejection ${e.code}`);
            if (!e.message.includes(INVOKE_CHANNELS[method])) fail('message lacks the channel');
          }
        }
      }),
      { numRuns: 10_000 },
    );
    // The fuzzer must also produce accepted calls, or it only ever tested the reject path.
    for (const method of INVOKE_METHODS) expect(accepted.get(method), method).toBeGreaterThan(0);
  }, 120_000);
});
