// The browser benchmark page: Layerloom (WebGL2 and CPU backends) and TensorFlow.js (webgl,
// wasm, cpu) side by side in one page, on identical workloads. The Node side (../browser.ts)
// calls window.bench.run once per engine/workload pair.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { cpuBackend } from '../../../backends/cpu/executor.ts';
import type { Backend } from '../../../backends/types.ts';
import { createWebglBackend } from '../../../backends/webgl/index.ts';
import { parseProjectText } from '../../../document/parse.ts';
import { timeSteps, type StepFn } from '../timing.ts';
import type { BenchApi, Engine } from './api.ts';
import {
  matmulInputs,
  mlpWorkload,
  twoTowerWorkload,
  WORKLOAD_NAMES,
  type Workload,
} from '../workloads.ts';
import { initialWeights, matmulStep, sessionStep } from './layerloom.ts';
import { tfMatmul, tfMlp, tfTwoTower, type TfTwin } from './tfjs.ts';

let workloads: { mlp: Workload; twoTower: Workload } | null = null;
const matmul = matmulInputs(1024);

async function tfBackend(name: 'webgl' | 'wasm' | 'cpu'): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`TF.js could not start its ${name} backend`);
  await tf.ready();
}

function layerloomBackend(engine: Engine): { backend: Backend; release(): void } {
  if (engine === 'Layerloom-CPU') return { backend: cpuBackend, release: () => {} };
  const backend = createWebglBackend();
  return {
    backend,
    release: () => backend.gl.getExtension('WEBGL_lose_context')?.loseContext(),
  };
}

const api: BenchApi = {
  async init(examples, wasmBase) {
    workloads = {
      mlp: mlpWorkload(parseProjectText(examples.mlp)),
      twoTower: twoTowerWorkload(parseProjectText(examples.twoTower)),
    };
    setWasmPaths(wasmBase);
    await tfBackend('wasm');
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return {
      userAgent: navigator.userAgent,
      webgl: gl
        ? String(
            info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
          )
        : 'none',
      wasm: `SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')} (${navigator.hardwareConcurrency} cores)`,
      crossOriginIsolated: String(crossOriginIsolated),
    };
  },

  async run(engine, workload, timing) {
    const w = workloads!;
    const name = WORKLOAD_NAMES[workload];
    let step: StepFn;
    let release: () => void;
    try {
      if (engine.startsWith('Layerloom')) {
        const b = layerloomBackend(engine);
        step =
          workload === 'matmul'
            ? matmulStep(b.backend, matmul.n, matmul.a, matmul.b)
            : sessionStep(w[workload], b.backend);
        release = b.release;
      } else {
        await tfBackend(engine.slice('TF.js '.length) as 'webgl' | 'wasm' | 'cpu');
        const twin: TfTwin =
          workload === 'matmul'
            ? tfMatmul(matmul.n, matmul.a, matmul.b)
            : workload === 'mlp'
              ? tfMlp(w.mlp, initialWeights(w.mlp))
              : tfTwoTower(w.twoTower, initialWeights(w.twoTower));
        step = twin.step;
        release = () => twin.dispose();
      }
    } catch (e) {
      return { engine, workload: name, skipped: e instanceof Error ? e.message : String(e) };
    }
    try {
      return await timeSteps(engine, name, step, timing);
    } finally {
      release();
    }
  },
};

(window as unknown as { bench: BenchApi }).bench = api;
