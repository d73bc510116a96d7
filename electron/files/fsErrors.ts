// Turns Node file-system errors into LoomErrors a user can act on: what failed, which file, and
// what to do about it. Pure: only inspects the error's `code`.
import { LoomError } from '../../engine/errors.ts';

const REASONS: Readonly<Record<string, readonly [reason: string, fix: string]>> = {
  ENOSPC: ['the disk is full', 'Free some space or save to another disk.'],
  EDQUOT: ['the disk quota is exceeded', 'Free some space or save to another disk.'],
  EACCES: ['permission denied', 'Choose a folder you can write to, or change its permissions.'],
  EPERM: ['the operation is not permitted', 'Choose a folder you can write to.'],
  EROFS: ['the disk is read-only', 'Save to a writable disk.'],
  ENOENT: ['the file or its folder does not exist', 'Check that the folder still exists.'],
  ENOTDIR: ['a part of the path is not a folder', 'Choose another location.'],
  EISDIR: ['the path is a folder, not a file', 'Choose a file name, not a folder.'],
  EBUSY: ['the file is locked by another program', 'Close the other program and try again.'],
  EMFILE: ['too many files are open', 'Close some files or programs and try again.'],
  ENAMETOOLONG: ['the file name is too long', 'Choose a shorter name or folder.'],
  EIO: ['the disk reported an input/output error', 'Check the disk, then try again.'],
};

/** The errno-style code of a Node error, or undefined. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describe(error: unknown): readonly [string, string] {
  const code = errnoCode(error);
  const known = code === undefined ? undefined : REASONS[code];
  if (known) return known;
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return [`an unexpected error occurred (${detail})`, 'Try again or save to another location.'];
}

/** A LoomError ('io/write') saying why saving `file` failed; the old file is untouched. */
export function writeError(file: string, error: unknown): LoomError {
  const [reason, fix] = describe(error);
  return new LoomError(
    'io/write',
    `the file could not be saved: ${reason}; the previous version on disk is unchanged`,
    { file },
    fix,
  );
}

/** A LoomError ('io/read') saying why reading `file` failed. */
export function readError(file: string, error: unknown): LoomError {
  const [reason, fix] = describe(error);
  return new LoomError('io/read', `the file could not be read: ${reason}`, { file }, fix);
}
