// The shared op suite: every registered op must have a case set in engine/ops/testing/cases*.ts,
// and every case runs the CPU kernel against the op's float64 reference plus a finite-difference
// gradient check (engine/ops/testing/suite.ts).
import { describe, expect, it } from 'vitest';
import { opRegistry } from './registry.ts';
import { caseLabel, runOpCase } from './testing/suite.ts';
import type { OpCaseSet } from './testing/types.ts';

const modules = import.meta.glob<Record<string, unknown>>('./testing/cases*.ts', { eager: true });

function isCaseSet(x: unknown): x is OpCaseSet {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as OpCaseSet).op === 'string' &&
    typeof (x as OpCaseSet).reference === 'function' &&
    Array.isArray((x as OpCaseSet).cases)
  );
}

const sets: OpCaseSet[] = Object.values(modules).flatMap((m) =>
  Object.values(m).flatMap((v) => (Array.isArray(v) ? v.filter(isCaseSet) : [])),
);

describe('op suite coverage', () => {
  it('found the case files', () => {
    expect(Object.keys(modules).length).toBeGreaterThan(0);
  });

  it('has a case set for every registered op', () => {
    const covered = new Set(sets.map((s) => s.op));
    expect([...opRegistry.keys()].filter((op) => !covered.has(op))).toEqual([]);
  });

  it('has no case set for an unknown op and none twice', () => {
    const ops = sets.map((s) => s.op);
    expect(ops.filter((op) => !opRegistry.has(op))).toEqual([]);
    expect(ops.filter((op, i) => ops.indexOf(op) !== i)).toEqual([]);
  });

  it('gives every op at least one case', () => {
    expect(sets.filter((s) => s.cases.length === 0).map((s) => s.op)).toEqual([]);
  });
});

for (const set of sets) {
  describe(`op ${set.op}`, () => {
    set.cases.forEach((c, i) => {
      it(caseLabel(set, c, i), () => runOpCase(set, i));
    });
  });
}
