import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LoomError } from '../errors.ts';
import type { Migration } from './migrations.ts';
import { migrateDocument, parseProject, parseProjectText, serializeProject } from './parse.ts';
import { CURRENT_SCHEMA_VERSION } from './schema.ts';

const example = (name: string) =>
  readFileSync(new URL(`../../assets/examples/${name}.loom`, import.meta.url), 'utf8');

function catchError(f: () => unknown): LoomError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LoomError);
    return e as LoomError;
  }
  throw new Error('expected a LoomError');
}

describe('parseProject', () => {
  it('reads every example and round-trips it through serializeProject', () => {
    for (const name of ['two-tower', 'mnist-mlp', 'linear-regression']) {
      const doc = parseProjectText(example(name), { file: `${name}.loom` });
      expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
      expect(parseProjectText(serializeProject(doc))).toEqual(doc);
    }
  });

  it('fills defaults for a minimal document', () => {
    const doc = parseProject({ schemaVersion: 1 });
    expect(doc.nodes).toEqual([]);
    expect(doc.training.batchSize).toBe(32);
    expect(doc.training.optimizer.type).toBe('adam');
    expect(doc.data.source).toEqual({ kind: 'none' });
  });

  it('names the line and column of malformed JSON', () => {
    const e = catchError(() =>
      parseProjectText('{\n  "schemaVersion": 1,\n  "nodes": [,]\n}', { file: 'bad.loom' }),
    );
    expect(e.code).toBe('project/invalid-json');
    expect(e.where.file).toBe('bad.loom');
    expect(e.where.row).toBe(3);
    expect(e.message).toMatch(/bad\.loom/);
  });

  it('refuses a project from a newer version without touching it', () => {
    const e = catchError(() =>
      parseProject({ schemaVersion: CURRENT_SCHEMA_VERSION + 1 }, { file: 'new.loom' }),
    );
    expect(e.code).toBe('project/newer-version');
    expect(e.message).toMatch(/newer Layerloom/);
    expect(e.message).toMatch(/Update Layerloom/);
  });

  it('names the path of a schema violation', () => {
    const doc = JSON.parse(example('two-tower'));
    doc.training.batchSize = -3;
    const e = catchError(() => parseProject(doc));
    expect(e.code).toBe('project/schema');
    expect(e.where.path).toBe('training.batchSize');
  });

  it('rejects duplicate node ids, dangling edges and doubly-fed ports', () => {
    const base = JSON.parse(example('two-tower'));
    const dup = structuredClone(base);
    dup.nodes[1].id = 'input';
    expect(catchError(() => parseProject(dup)).message).toMatch(/share the id 'input'/);
    const dangling = structuredClone(base);
    dangling.edges[0].target.node = 'ghost';
    expect(catchError(() => parseProject(dangling)).where.edge).toBe(base.edges[0].id);
    const doubled = structuredClone(base);
    doubled.edges.push({ ...doubled.edges[1], id: 'extra' });
    expect(catchError(() => parseProject(doubled)).message).toMatch(/fed by more than one edge/);
  });

  it('runs named migrations in order on a copy and reports a failing one by name', () => {
    const migrations: Migration[] = [
      {
        name: 'layers-to-nodes',
        from: 1,
        migrate: (d) => ({ ...d, nodes: d.layers, layers: undefined }),
      },
      { name: 'add-training', from: 2, migrate: (d) => ({ ...d, training: { epochs: 3 } }) },
    ];
    const v1 = { schemaVersion: 1, layers: [{ id: 'a' }] };
    expect(migrateDocument(v1, migrations, 3)).toEqual({
      schemaVersion: 3,
      nodes: [{ id: 'a' }],
      layers: undefined,
      training: { epochs: 3 },
    });
    expect(v1).toEqual({ schemaVersion: 1, layers: [{ id: 'a' }] });
    const failing: Migration[] = [
      {
        name: 'explode',
        from: 1,
        migrate: () => {
          throw new Error('boom');
        },
      },
    ];
    const e = catchError(() => migrateDocument(v1, failing, 2, 'old.loom'));
    expect(e.code).toBe('project/migration');
    expect(e.message).toMatch(/migration 'explode' \(version 1 → 2\) failed: boom/);
    expect(catchError(() => migrateDocument(v1, [], 2)).message).toMatch(
      /no migration from schema version 1/,
    );
    // Nothing runs for a current document.
    expect(parseProject({ schemaVersion: 1 }, { migrations: failing }).nodes).toEqual([]);
  });

  it('keeps __proto__ keys harmless', () => {
    const doc = parseProjectText('{"schemaVersion":1,"__proto__":{"polluted":true},"nodes":[]}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(doc.nodes).toEqual([]);
  });

  it('refuses absurdly deep JSON', () => {
    const deep =
      '{"schemaVersion":1,"name":"x","data":' + '{"a":'.repeat(100) + '1' + '}'.repeat(100) + '}';
    expect(catchError(() => parseProjectText(deep)).message).toMatch(/nested deeper/);
  });
});
