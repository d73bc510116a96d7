// The only way a project enters the engine: raw JSON → migrations → schema validation →
// structural checks. Every failure is a LoomError saying where in the document it is.
import type { z } from 'zod';
import { LoomError } from '../errors.ts';
import { jsonErrorLocation } from './jsonError.ts';
import { MIGRATIONS, type Migration, type RawDoc } from './migrations.ts';
import { CURRENT_SCHEMA_VERSION, ProjectSchema, type Project } from './schema.ts';

/** Largest project text accepted (weights of big models included). */
export const MAX_PROJECT_BYTES = 512 * 1024 * 1024;
/** Deepest JSON nesting accepted; real documents stay under 10. */
export const MAX_JSON_DEPTH = 64;

/** Options for parsing; `file` only labels errors. */
export interface ParseOptions {
  file?: string;
  migrations?: readonly Migration[];
}

/** Parses project text (a .loom file's contents). */
export function parseProjectText(text: string, opts: ParseOptions = {}): Project {
  if (text.length > MAX_PROJECT_BYTES)
    throw new LoomError(
      'project/invalid-json',
      `the project is too large (${text.length} characters; the limit is ${MAX_PROJECT_BYTES})`,
      { file: opts.file },
      'Export the weights separately to keep projects small.',
    );
  let raw: unknown;
  try {
    // Dropping __proto__ keys keeps hostile documents from touching prototypes downstream.
    raw = JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
  } catch (e) {
    const { line, column } = jsonErrorLocation(text) ?? {};
    throw new LoomError(
      'project/invalid-json',
      `the project is not valid JSON: ${(e as Error).message}`,
      { file: opts.file, row: line, column },
      'Open the file in a text editor and fix the JSON there, or restore the .bak copy.',
    );
  }
  return parseProject(raw, opts);
}

/** Validates and migrates a parsed JSON value into a Project. */
export function parseProject(raw: unknown, opts: ParseOptions = {}): Project {
  const file = opts.file;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new LoomError(
      'project/schema',
      'a project must be a JSON object',
      { file },
      'Open a .loom file.',
    );
  checkDepth(raw, file);
  const version = (raw as RawDoc).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new LoomError(
      'project/schema',
      `"schemaVersion" must be a positive integer, got ${JSON.stringify(version)}`,
      { file, path: 'schemaVersion' },
      'This does not look like a Layerloom project.',
    );
  if (version > CURRENT_SCHEMA_VERSION)
    throw new LoomError(
      'project/newer-version',
      `the project was saved by a newer Layerloom (schema version ${version}; this version reads up to ${CURRENT_SCHEMA_VERSION})`,
      { file },
      'Update Layerloom to open it; the file was not changed.',
    );
  const migrated = migrateDocument(
    raw as RawDoc,
    opts.migrations ?? MIGRATIONS,
    CURRENT_SCHEMA_VERSION,
    file,
  );
  const result = ProjectSchema.safeParse(migrated);
  if (!result.success) throw schemaError(result.error, file);
  checkStructure(result.data, file);
  return result.data;
}

/** Runs the migrations that take `doc` from its schemaVersion up to `target`, in order, on a copy. */
export function migrateDocument(
  doc: RawDoc,
  migrations: readonly Migration[],
  target: number,
  file?: string,
): RawDoc {
  let current = structuredClone(doc);
  for (let v = Number(doc.schemaVersion); v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step)
      throw new LoomError(
        'project/migration',
        `no migration from schema version ${v}`,
        { file },
        'This build cannot read that version; please report it.',
      );
    try {
      current = { ...step.migrate(current), schemaVersion: v + 1 };
    } catch (e) {
      throw new LoomError(
        'project/migration',
        `migration '${step.name}' (version ${v} → ${v + 1}) failed: ${(e as Error).message}`,
        { file },
        'The file was not changed; please report it with the file attached.',
      );
    }
  }
  return current;
}

function schemaError(error: z.ZodError, file?: string): LoomError {
  const issue = error.issues[0];
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return new LoomError(
    'project/schema',
    `invalid project: ${issue.message}${more}`,
    { file, path: path.replace(/^\./, '') || '(root)' },
    'Fix the value at that path, or restore the .bak copy.',
  );
}

/** Ids unique; edges point at existing nodes; each input port fed at most once. */
function checkStructure(doc: Project, file?: string): void {
  const ids = new Set<string>();
  doc.nodes.forEach((n, i) => {
    if (ids.has(n.id))
      throw new LoomError(
        'project/schema',
        `two nodes share the id '${n.id}'`,
        { file, path: `nodes[${i}].id`, node: n.name },
        'Give each node its own id.',
      );
    ids.add(n.id);
  });
  const edgeIds = new Set<string>();
  const fed = new Set<string>();
  doc.edges.forEach((e, i) => {
    if (edgeIds.has(e.id))
      throw new LoomError(
        'project/schema',
        `two edges share the id '${e.id}'`,
        { file, path: `edges[${i}].id` },
        'Give each edge its own id.',
      );
    edgeIds.add(e.id);
    for (const end of ['source', 'target'] as const)
      if (!ids.has(e[end].node))
        throw new LoomError(
          'project/schema',
          `edge '${e.id}' points at a node that does not exist ('${e[end].node}')`,
          { file, path: `edges[${i}].${end}.node`, edge: e.id },
          'Remove the edge or restore the missing node.',
        );
    const key = `${e.target.node}:${e.target.port}`;
    if (fed.has(key))
      throw new LoomError(
        'project/schema',
        `input port '${e.target.port}' of node '${e.target.node}' is fed by more than one edge`,
        { file, path: `edges[${i}]`, edge: e.id, port: e.target.port },
        'Keep one edge per input port.',
      );
    fed.add(key);
  });
}

function checkDepth(value: unknown, file?: string): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > MAX_JSON_DEPTH)
      throw new LoomError(
        'project/schema',
        `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels`,
        { file },
        'This is not a Layerloom project.',
      );
    if (typeof v === 'object' && v !== null)
      for (const c of Object.values(v)) if (typeof c === 'object') stack.push([c, d + 1]);
  }
}

/** Serialises a project as stable, human-diffable JSON (2-space indent, trailing newline). */
export function serializeProject(doc: Project): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
