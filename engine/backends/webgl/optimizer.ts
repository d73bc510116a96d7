// Fused optimizer update passes: one draw per parameter reads the parameter, its gradient and its
// slots and writes the new parameter and slots at once (multiple render targets), with the same
// float32 formulas as engine/train/optimizers/. Scalars that depend on the iteration (Adam's
// bias-corrected step) are computed on the host exactly as the CPU kernels compute them.
import { getOptimizer } from '../../train/optimizers/registry.ts';
import type { OptimizerType } from '../../train/optimizers/types.ts';
import { regionFor, type Gpu, type Kernel, type Tex } from './gpu.ts';
import type { ParamEntry, ParamStore } from './params.ts';
import { assemble, samplers } from './source.ts';
import sgdSrc from '../../../shaders/sgd.glsl?raw';
import rmspropSrc from '../../../shaders/rmsprop.glsl?raw';
import adamSrc from '../../../shaders/adam.glsl?raw';
import adagradSrc from '../../../shaders/adagrad.glsl?raw';

const f = Math.fround;
type Hyper = Record<string, unknown>;
type Uniforms = Record<string, number>;

interface Pass {
  source: string;
  uniforms: Uniforms;
}

/** Kernel source and uniforms of one update of `type` at 1-based `iteration`. */
function pass(type: OptimizerType, h: Hyper, iteration: number, slots: number): Pass {
  const num = (k: string) => h[k] as number;
  const inputs = samplers(2 + slots);
  const src = (file: string, defines: string[]) =>
    assemble(file, ['LOOM_CUSTOM_OUT', ...defines], inputs);
  switch (type) {
    case 'sgd': {
      const momentum = num('momentum') !== 0;
      const defines = momentum ? ['MOMENTUM', ...(h.nesterov ? ['NESTEROV'] : [])] : [];
      return {
        source: src(sgdSrc, defines),
        uniforms: { lr: num('learningRate'), mu: num('momentum') },
      };
    }
    case 'rmsprop': {
      const momentum = num('momentum') > 0;
      const defines: string[] = [];
      if (momentum) defines.push('MOMENTUM', 'MOMENTUM_IN X3', 'MOMENTUM_OUT 2');
      if (h.centered)
        defines.push(
          'CENTERED',
          `AVERAGE_IN X${momentum ? 4 : 3}`,
          `AVERAGE_OUT ${momentum ? 3 : 2}`,
        );
      return {
        source: src(rmspropSrc, defines),
        uniforms: {
          lr: num('learningRate'),
          rho: num('rho'),
          oneMinusRho: 1 - num('rho'),
          eps: num('epsilon'),
          mu: num('momentum'),
        },
      };
    }
    case 'adam':
    case 'adamw': {
      const lr = f(num('learningRate'));
      const b1Power = f(Math.pow(f(num('beta1')), iteration));
      const b2Power = f(Math.pow(f(num('beta2')), iteration));
      const alpha = f(f(lr * f(Math.sqrt(f(1 - b2Power)))) / f(1 - b1Power));
      const defines = [
        ...(h.amsgrad ? ['AMSGRAD'] : []),
        ...(type === 'adamw' ? ['WEIGHT_DECAY'] : []),
      ];
      return {
        source: src(adamSrc, defines),
        uniforms: {
          alpha,
          oneMinusB1: 1 - num('beta1'),
          oneMinusB2: 1 - num('beta2'),
          eps: num('epsilon'),
          lr,
          wd: type === 'adamw' ? num('weightDecay') : 0,
        },
      };
    }
    case 'adagrad':
      return {
        source: src(adagradSrc, []),
        uniforms: { lr: num('learningRate'), eps: num('epsilon') },
      };
  }
}

/** Runs one fused update of `entry` from `grad`; swaps the entry to the freshly written set. */
export function applyUpdatePass(
  gpu: Gpu,
  store: ParamStore,
  entry: ParamEntry,
  grad: Tex,
  type: OptimizerType,
  hyper: Hyper,
  iteration: number,
): void {
  const def = getOptimizer(type);
  const specs = def.slots(hyper as never);
  const state = store.ensureState(
    entry,
    `${type}:${specs.map((s) => s.name).join(',')}`,
    specs.map((s) => s.init),
  );
  const p = pass(type, hyper, iteration, specs.length);
  const kernel: Kernel = gpu.kernel(p.source);
  const gl = gpu.gl;
  gl.useProgram(kernel.program);
  for (const [name, v] of Object.entries(p.uniforms))
    gl.uniform1f(kernel.uniforms.get(name) ?? null, v);
  const from = entry.cur;
  const to = (1 - from) as 0 | 1;
  gpu.bindInputs([entry.texs[from], grad, ...state.slots.map((s) => s[from])]);
  gpu.drawTo(state.fbo[to], regionFor(entry.texels), 1 + specs.length);
  entry.cur = to;
}

/** Which slot textures hold the current values of `entry`'s optimizer state. */
export function currentSlots(entry: ParamEntry): Tex[] {
  return entry.state ? entry.state.slots.map((s) => s[entry.cur]) : [];
}
