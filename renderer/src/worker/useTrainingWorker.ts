// React glue for the training worker: one worker per mounted component, and metrics delivered at
// most once per animation frame (the worker already batches them to ~60 a second).
import { useEffect, useState } from 'react';
import type { TrainingClient } from '../../../engine/worker/client.ts';
import type { MetricsEvent } from '../../../engine/worker/protocol.ts';
import { startTrainingWorker } from './trainingWorker.ts';

/** The training client while the component is mounted (null before the first effect). */
export function useTrainingWorker(): TrainingClient | null {
  const [client, setClient] = useState<TrainingClient | null>(null);
  useEffect(() => {
    const c = startTrainingWorker();
    setClient(c);
    return () => c.dispose();
  }, []);
  return client;
}

/**
 * Calls `onFrame` once per animation frame with the metrics events received since the previous
 * frame (oldest first), so a chart redraws at most once a frame whatever the step rate. Pass a
 * stable callback (useCallback): a new one resubscribes.
 */
export function useMetricsPerFrame(
  client: TrainingClient | null,
  onFrame: (events: MetricsEvent[]) => void,
): void {
  useEffect(() => {
    if (!client) return;
    let pending: MetricsEvent[] = [];
    let frame = 0;
    const off = client.on('metrics', (m) => {
      pending.push(m);
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        const batch = pending;
        pending = [];
        onFrame(batch);
      });
    });
    return () => {
      off();
      cancelAnimationFrame(frame);
    };
  }, [client, onFrame]);
}
