// Starts the training Web Worker the way Vite bundles it (a module worker emitted as its own
// asset and loaded from 'self', which the app's CSP allows) and wraps it in a TrainingClient.
import { TrainingClient } from '../../../engine/worker/client.ts';

/** A new training worker and its client; call client.dispose() to stop it. */
export function startTrainingWorker(): TrainingClient {
  const worker = new Worker(new URL('../../../engine/worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'layerloom-training',
  });
  return new TrainingClient(worker);
}
