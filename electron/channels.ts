// IPC channel names shared by main and preload. One preload function per channel.

/** Every IPC channel the preload may invoke. */
export const IPC_CHANNELS = {
  version: 'layerloom:version',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];
