// Typed, user-actionable errors. Every failure the engine reports is a LoomError: it says what is
// wrong, where (file, row, column, node, port, …) and how to fix it. Nothing here reads UI state.

/** Where a problem is: any subset of these, shown in this order. */
export interface Where {
  file?: string;
  node?: string;
  port?: string;
  edge?: string;
  param?: string;
  row?: number;
  column?: number | string;
  offset?: number;
  path?: string;
  array?: string;
}

/** Stable error codes, grouped by area; UIs and tests match on these, never on message text. */
export type LoomErrorCode =
  | 'project/invalid-json'
  | 'project/schema'
  | 'project/newer-version'
  | 'project/migration'
  | 'graph/cycle'
  | 'graph/shape'
  | 'graph/param'
  | 'graph/structure'
  | 'op/shape'
  | 'op/attr'
  | 'data/csv'
  | 'data/npy'
  | 'data/npz'
  | 'data/idx'
  | 'data/binding'
  | 'data/unknown'
  | 'train/config'
  | 'train/numeric'
  | 'weights/mismatch'
  | 'weights/safetensors'
  | 'weights/json'
  | 'export/format'
  | 'import/model'
  | 'import/unsupported'
  | 'import/weights'
  | 'cli/usage'
  | 'io/read'
  | 'backend/webgl'
  | 'io/write'
  | 'io/handle'
  | 'ipc/sender'
  | 'ipc/args'
  | 'worker/message'
  | 'worker/state'
  | 'worker/failed'
  | 'internal';

/** An error a user can act on. `message` is complete: what, where, and how to fix it. */
export class LoomError extends Error {
  override readonly name = 'LoomError';
  constructor(
    readonly code: LoomErrorCode,
    /** What went wrong, without location, e.g. "text 'abc' in a numeric column". */
    readonly what: string,
    readonly where: Where = {},
    /** How to fix it, e.g. "Choose another column or clean the file." */
    readonly fix = '',
  ) {
    super(formatMessage(what, where, fix));
  }
}

/** Renders a Where as "file x.csv, row 3, column 'Hours'". */
export function formatWhere(where: Where): string {
  const parts: string[] = [];
  if (where.file !== undefined) parts.push(`file ${where.file}`);
  if (where.array !== undefined) parts.push(`array '${where.array}'`);
  if (where.node !== undefined) parts.push(`node '${where.node}'`);
  if (where.port !== undefined) parts.push(`port '${where.port}'`);
  if (where.edge !== undefined) parts.push(`edge '${where.edge}'`);
  if (where.param !== undefined) parts.push(`param '${where.param}'`);
  if (where.row !== undefined) parts.push(`row ${where.row}`);
  if (where.column !== undefined)
    parts.push(
      typeof where.column === 'number' ? `column ${where.column}` : `column '${where.column}'`,
    );
  if (where.offset !== undefined) parts.push(`byte offset ${where.offset}`);
  if (where.path !== undefined) parts.push(`at ${where.path}`);
  return parts.join(', ');
}

function formatMessage(what: string, where: Where, fix: string): string {
  const at = formatWhere(where);
  let msg = at ? `${what} (${at})` : what;
  if (!/[.!?]$/.test(msg)) msg += '.';
  return fix ? `${msg} ${fix}` : msg;
}

/**
 * The message of anything thrown: an Error's message, the message of an error that crossed a
 * worker or IPC boundary as a plain object, else its string form.
 */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(e);
}

/** True when `e` is a LoomError (also across realms, e.g. after structured cloning). */
export function isLoomError(e: unknown): e is LoomError {
  return e instanceof LoomError || (e instanceof Error && e.name === 'LoomError' && 'code' in e);
}
