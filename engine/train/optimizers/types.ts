// The contract every optimizer implements: a hyperparameter schema with Keras defaults, the
// per-parameter state it keeps, and a CPU kernel applying one Keras update to one parameter tensor
// in place. Kernels round every intermediate to float32 (Math.fround) in Keras's operation order:
// for + − × ÷ √ computing in float64 and rounding once is exactly float32 arithmetic, so updates
// match a float32 Keras run bit for bit except where Keras calls pow().
import type { z } from 'zod';

/** The optimizer types a project can choose. */
export type OptimizerType = 'sgd' | 'rmsprop' | 'adam' | 'adamw' | 'adagrad';

/** One per-parameter state tensor (same shape as the parameter) and its starting value. */
export interface SlotSpec {
  name: string;
  init: number;
}

/** One optimizer. `H` is its hyperparameter object (all defaults filled in). */
export interface OptimizerDef<H> {
  type: OptimizerType;
  /** Name shown in the UI, e.g. 'Adam'. */
  label: string;
  /** Keras class name, e.g. 'RMSprop'. */
  kerasClass: string;
  /** Hyperparameters with Keras defaults; each field carries .meta({ label, help }). */
  hyper: z.ZodType<H>;
  /** Per-parameter state in the order `update` receives it (e.g. m, v). */
  slots(h: H): SlotSpec[];
  /** One Keras update in place; iteration is 1-based (Keras increments before computing bias corrections). */
  update(
    param: Float32Array,
    grad: Float32Array,
    slots: Float32Array[],
    h: H,
    iteration: number,
  ): void;
  /** Keras get_config() of this optimizer, for export; clipnorm is the training setting. */
  kerasConfig(h: H, clipnorm?: number | null): Record<string, unknown>;
}

/** Helper so optimizer files get hyperparameter typing without casts. */
export function defineOptimizer<H>(def: OptimizerDef<H>): OptimizerDef<H> {
  return def;
}

/** The keys every Keras 3 optimizer config starts with (BaseOptimizer.get_config), in Keras order. */
export function kerasBaseConfig(
  name: string,
  learningRate: number,
  weightDecay: number | null,
  clipnorm: number | null,
): Record<string, unknown> {
  return {
    name,
    learning_rate: learningRate,
    weight_decay: weightDecay,
    clipnorm,
    global_clipnorm: null,
    clipvalue: null,
    use_ema: false,
    ema_momentum: 0.99,
    ema_overwrite_frequency: null,
    loss_scale_factor: null,
    gradient_accumulation_steps: null,
  };
}
