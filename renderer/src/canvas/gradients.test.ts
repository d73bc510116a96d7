import { describe, expect, it } from 'vitest';
import type { ParamStats, StatsSample, TensorStats } from '../../../engine/worker/protocol.ts';
import type { ProjectEdge } from '../../../engine/document/schema.ts';
import {
  buildGradientView,
  combinedNorm,
  formatNorm,
  healthAdvice,
  liveStats,
  logScale,
  nodeGradient,
  paramHealth,
  paramsByNode,
  rms,
  viewOf,
} from './gradients.ts';
import type { TrainingState } from '../training/store.ts';

const t = (norm: number, size = 4, nonFinite = 0): TensorStats => ({
  norm,
  mean: 0,
  min: 0,
  max: 0,
  nonFinite,
  size,
});
const hist = { lo: 0, hi: 0, counts: [] };
const p = (grad: number, weight = 1, nonFinite = 0): ParamStats => ({
  grad: t(grad, 4, nonFinite),
  weight: t(weight),
  gradHist: hist,
  weightHist: hist,
});
const edge = (id: string, from: string, to: string): ProjectEdge => ({
  id,
  source: { node: from, port: 'out' },
  target: { node: to, port: 'in' },
});

describe('node norm', () => {
  it('groups parameters by node id, splitting at the last slash', () => {
    const g = paramsByNode({ 'a/kernel': p(1), 'a/bias': p(2), 'x/y/kernel': p(3), bad: p(4) });
    expect([...g.keys()]).toEqual(['a', 'x/y']);
    expect(g.get('a')).toHaveLength(2);
  });

  it('combines parameter gradient norms as √Σ‖g‖²', () => {
    expect(combinedNorm([3, 4])).toBe(5);
    expect(combinedNorm([])).toBe(0);
    expect(nodeGradient([p(3), p(4)], t(100))).toEqual({
      source: 'params',
      norm: 5,
      nonFinite: 0,
      health: 'ok',
    });
  });

  it('falls back to the output gradient for nodes without parameters', () => {
    expect(nodeGradient(undefined, t(0.5))).toEqual({
      source: 'output',
      norm: 0.5,
      nonFinite: 0,
      health: 'ok',
    });
    expect(nodeGradient([], t(2e3))?.health).toBe('exploding');
    expect(nodeGradient(undefined, t(1, 4, 2))?.health).toBe('exploding');
    expect(nodeGradient(undefined, undefined)).toBeNull();
  });
});

describe('health flags', () => {
  it('flags vanishing when every parameter gradient is tiny (absolute or relative)', () => {
    expect(paramHealth([p(5e-8), p(0, 0)])).toBe('vanishing');
    expect(paramHealth([p(1e-5, 100), p(1e-5, 1000)])).toBe('vanishing'); // < 1e-6 × weight norm
    expect(paramHealth([p(5e-8), p(1e-3)])).toBe('ok');
    expect(paramHealth([p(1e-5, 1)])).toBe('ok');
  });

  it('flags exploding for NaN/Inf or a combined norm above 1e3', () => {
    expect(paramHealth([p(1, 1, 1)])).toBe('exploding');
    expect(paramHealth([p(800), p(800)])).toBe('exploding');
    expect(paramHealth([p(999)])).toBe('ok');
    // NaN beats vanishing: a NaN gradient's finite norm may well be 0.
    expect(paramHealth([p(0, 1, 3)])).toBe('exploding');
  });

  it('explains each flag and what to try', () => {
    const exploding = nodeGradient([p(2e3)], undefined)!;
    expect(healthAdvice(exploding)).toMatch(/Exploding.*learning rate.*clipnorm/);
    const nan = nodeGradient([p(1, 1, 7)], undefined)!;
    expect(healthAdvice(nan)).toMatch(/7 gradient values are NaN/);
    expect(healthAdvice(nodeGradient([p(0)], undefined)!)).toMatch(/Vanishing.*ReLU/);
    expect(healthAdvice(nodeGradient([p(1)], undefined)!)).toBeNull();
  });
});

describe('edge scale', () => {
  it('computes RMS as norm / √size', () => {
    expect(rms(t(6, 9))).toBe(2);
    expect(rms(t(0, 0))).toBe(0);
  });

  it('maps values onto 0..1 on a log scale, clamped', () => {
    expect(logScale(1e-2, 1e-4, 1)).toBeCloseTo(0.5, 12);
    expect(logScale(1e-4, 1e-4, 1)).toBe(0);
    expect(logScale(1, 1e-4, 1)).toBe(1);
    expect(logScale(10, 1e-4, 1)).toBe(1);
    expect(logScale(0, 1e-4, 1)).toBe(0);
    expect(logScale(NaN, 1e-4, 1)).toBe(0);
    expect(logScale(3, 3, 3)).toBe(1);
  });

  it('spans the scale over the edge sources of the current graph', () => {
    const stats: StatsSample = {
      step: 1,
      params: { 'd1/kernel': p(3), 'd1/bias': p(4) },
      activationGrads: { d1: t(1e-3, 1), d2: t(1e-1, 1), out: t(100, 1), nan: t(0, 1, 1) },
    };
    const view = buildGradientView(stats, new Set(['d1', 'd2', 'nan']));
    expect(view.edges.get('d1')?.scale).toBe(0);
    expect(view.edges.get('d2')?.scale).toBe(1);
    expect(view.edges.has('out')).toBe(false);
    expect(view.edges.get('nan')).toEqual({ rms: 0, scale: 0, nonFinite: true });
    expect(view.nodes.get('d1')).toMatchObject({ source: 'params', norm: 5 });
    expect(view.nodes.get('out')).toMatchObject({ source: 'output', norm: 100 });
    const all = buildGradientView(stats);
    expect(all.edges.get('d2')?.scale).toBeCloseTo(0.4, 12); // 1e-1 within 1e-3..1e2
  });

  it('caches one view per sample and edge list', () => {
    const stats: StatsSample = { step: 1, params: {}, activationGrads: { a: t(1, 1) } };
    const edges = [edge('e', 'a', 'b')];
    const v = viewOf(stats, edges);
    expect(viewOf(stats, edges)).toBe(v);
    expect(viewOf(stats, [...edges])).not.toBe(v);
  });
});

describe('liveStats and formatNorm', () => {
  it('hides statistics before training and while the session is idle', () => {
    const stats: StatsSample = { step: 1, params: {}, activationGrads: {} };
    const s = (status: TrainingState['status'], st: StatsSample | null) =>
      ({ status, stats: st }) as TrainingState;
    expect(liveStats(s('ready', null))).toBeNull();
    expect(liveStats(s('idle', stats))).toBeNull();
    expect(liveStats(s('training', stats))).toBe(stats);
  });

  it('prints three significant digits', () => {
    expect(formatNorm(0)).toBe('0');
    expect(formatNorm(0.012345)).toBe('0.0123');
    expect(formatNorm(123.456)).toBe('123');
    expect(formatNorm(2.5e-7)).toBe('2.50e-7');
    expect(formatNorm(12345)).toBe('1.23e4');
    expect(formatNorm(Infinity)).toBe('Infinity');
  });
});
