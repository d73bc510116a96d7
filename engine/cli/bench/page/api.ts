// The contract between the bench page (main.ts, in the browser) and its Node driver
// (../browser.ts): engine names and the window.bench API. No side effects, safe to import in Node.
import type { Measurement, TimingOptions } from '../timing.ts';
import type { WORKLOAD_NAMES } from '../workloads.ts';

/** The engines compared, as printed. */
export const ENGINES = [
  'Layerloom-WebGL',
  'Layerloom-CPU',
  'TF.js webgl',
  'TF.js wasm',
  'TF.js cpu',
] as const;
export type Engine = (typeof ENGINES)[number];
export type WorkloadId = keyof typeof WORKLOAD_NAMES;

/** A pair that could not run, and why. */
export interface Skipped {
  engine: Engine;
  workload: string;
  skipped: string;
}

export interface BenchApi {
  /** Parses the example projects and points TF.js at the .wasm files; returns environment facts. */
  init(
    examples: { mlp: string; twoTower: string },
    wasmBase: string,
  ): Promise<Record<string, string>>;
  run(engine: Engine, workload: WorkloadId, timing: TimingOptions): Promise<Measurement | Skipped>;
}
