// Validation for IPC in the main process: every call must come from an app:// frame and carry
// arguments matching its channel's schema. Pure, so it is unit-tested without Electron.
import { z } from 'zod';
import { LoomError } from '../engine/errors.ts';
import { IPC_CHANNELS, type IpcChannel } from './channels.ts';
import { isAppUrl } from './navigation.ts';

/** The argument list each channel accepts. */
export const IPC_ARG_SCHEMAS: { readonly [C in IpcChannel]: z.ZodType } = {
  [IPC_CHANNELS.version]: z.tuple([]),
};

/** Throws unless the sending frame is one of the app's own pages (not a third-party frame). */
export function assertTrustedSender(channel: IpcChannel, frameUrl: string | undefined): void {
  if (frameUrl === undefined || !isAppUrl(frameUrl)) {
    throw new LoomError(
      'internal',
      `IPC call on '${channel}' from an untrusted frame (${frameUrl ?? 'destroyed frame'})`,
      { path: channel },
      'Only Layerloom’s own pages may call the desktop bridge; reload the window.',
    );
  }
}

/** Validates `args` against the channel's schema and returns them. */
export function parseIpcArgs(channel: IpcChannel, args: readonly unknown[]): unknown {
  const result = IPC_ARG_SCHEMAS[channel].safeParse(args);
  if (!result.success) {
    throw new LoomError(
      'internal',
      `invalid arguments for IPC channel '${channel}': ${result.error.issues[0]?.message ?? 'rejected'}`,
      { path: channel },
      'Call the bridge function exactly as typed in electron/api.ts.',
    );
  }
  return result.data;
}
