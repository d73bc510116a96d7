// Ordered, named migrations of raw project JSON. Each takes a document of version `from` and
// returns one of version `from + 1`; parseProject runs them in order, then validates.

/** A raw JSON object whose shape is only known by its schemaVersion. */
export type RawDoc = Record<string, unknown>;

/** One migration step. */
export interface Migration {
  /** Short, unique, human-readable name, shown in errors. */
  readonly name: string;
  readonly from: number;
  migrate(doc: RawDoc): RawDoc;
}

/**
 * The migrations of this build, oldest first. Version 1 is the first released format, so there is
 * nothing to migrate yet; a change to ProjectSchema bumps CURRENT_SCHEMA_VERSION and adds a step here.
 */
export const MIGRATIONS: readonly Migration[] = [];
