// Keras 3 `.keras` archive: a zip of metadata.json, config.json (the serialised, compiled
// Functional model) and model.weights.h5, in the order keras.saving.save_model writes them.
import { zipSync } from 'fflate';
import { parseConfig } from '../compile/compile.ts';
import { getOptimizer } from '../train/optimizers/registry.ts';
import { KERAS_VERSION, kerasModelConfig } from './kerasConfig.ts';
import { writeKerasWeightsH5 } from './kerasH5.ts';
import type { ExportModel } from './model.ts';

/** Keras's date_saved format: '%Y-%m-%d@%H:%M:%S' (UTC here). */
export function kerasDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}` +
    `@${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
  );
}

/** The project's learning rate (the optimizer's own default when unset). */
export function learningRate(model: ExportModel): number {
  const { type, params } = model.doc.training.optimizer;
  const h = parseConfig(getOptimizer(type).hyper, params, `${type} settings`) as {
    learningRate: number;
  };
  return h.learningRate;
}

/** Writes a `.keras` archive that keras.saving.load_model opens, compiled as the project says. */
export async function writeKerasArchive(
  model: ExportModel,
  date: Date = new Date(),
): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const metadata = { keras_version: KERAS_VERSION, date_saved: kerasDate(date) };
  const weights = await writeKerasWeightsH5(model, learningRate(model));
  return zipSync(
    {
      'metadata.json': enc.encode(JSON.stringify(metadata)),
      'config.json': enc.encode(JSON.stringify(kerasModelConfig(model))),
      'model.weights.h5': weights,
    },
    { level: 6, mtime: date },
  );
}
