/** The Electron executable under `root`/node_modules/electron, or null when never downloaded. */
export function findElectronBinary(root: string): string | null;
