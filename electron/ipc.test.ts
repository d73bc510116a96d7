import { describe, expect, it } from 'vitest';
import { LoomError } from '../engine/errors.ts';
import { IPC_CHANNELS } from './channels.ts';
import { assertTrustedSender, IPC_ARG_SCHEMAS, parseIpcArgs } from './ipc.ts';

describe('assertTrustedSender', () => {
  it('accepts the app origin', () => {
    expect(() =>
      assertTrustedSender(IPC_CHANNELS.version, 'app://layerloom/index.html'),
    ).not.toThrow();
  });

  it.each([
    undefined,
    'https://evil.example/',
    'app://layerloom.evil/index.html',
    'file:///etc/passwd',
    'about:blank',
    '',
  ])('rejects frame %j', (url) => {
    expect(() => assertTrustedSender(IPC_CHANNELS.version, url)).toThrow(LoomError);
  });
});

describe('parseIpcArgs', () => {
  it('has a schema for every channel', () => {
    expect(Object.keys(IPC_ARG_SCHEMAS).sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('accepts no arguments for version', () => {
    expect(parseIpcArgs(IPC_CHANNELS.version, [])).toEqual([]);
  });

  it('rejects extra arguments for version', () => {
    expect(() => parseIpcArgs(IPC_CHANNELS.version, ['../../etc/passwd'])).toThrow(
      /layerloom:version/,
    );
  });
});
