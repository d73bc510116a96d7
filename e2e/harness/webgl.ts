// Browser entry of the WebGL test harness: bundled by e2e/harness/bundle.ts and loaded into a
// page, it exposes the in-browser halves of the WebGL specs as `window.loomHarness`.
import { createWebglBackend, webglAvailability } from '../../engine/backends/webgl/index.ts';
import type { WebglBackend } from '../../engine/backends/webgl/types.ts';
import { runLargeMatMuls, runOpSuite } from './ops.ts';
import { memoryOverSteps, residentMatch, trainingMatch } from './training.ts';

let backend: WebglBackend | null = null;
const gpu = () => (backend ??= createWebglBackend());

const harness = {
  availability: () => webglAvailability(),
  opSuite: (runSeed: number) => runOpSuite(gpu(), runSeed),
  largeMatMuls: (runSeed: number) => runLargeMatMuls(gpu(), runSeed),
  trainingMatch: (text: string, model: 'two-tower' | 'mlp', steps: number) =>
    trainingMatch(gpu(), text, model, steps),
  residentMatch: (
    text: string,
    optimizer: string,
    params: Record<string, unknown>,
    steps: number,
  ) => residentMatch(gpu(), text, optimizer, params, steps),
  memoryOverSteps: (text: string, steps: number) => memoryOverSteps(gpu(), text, steps),
};

/** The harness API the specs call through page.evaluate. */
export type Harness = typeof harness;

(globalThis as unknown as { loomHarness: Harness }).loomHarness = harness;
