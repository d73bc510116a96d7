// Keeps one uPlot chart in step with the training store without React re-renders: the plot is
// built once (and rebuilt only when its series or options change, i.e. its signature), data is
// pushed with setData at most once per animation frame after the store's version changes, and
// the plot follows its container's size. The legend lives in a separate element so its height
// never feeds back into the plot's size.
import { useEffect, type DependencyList, type RefObject } from 'react';
import uPlot from 'uplot';
import { getTraining, subscribeTraining, type TrainingState } from '../store.ts';

/** What a chart shows at one moment. */
export interface LiveFrame {
  /** Rebuild the plot when this changes (series names, scales); same signature → setData. */
  signature: string;
  /** The plot's options without size and legend placement. */
  options: () => Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
}

/** Builds a frame from the store and the plot width in CSS pixels; null = nothing to draw. */
export type FrameBuilder = (s: TrainingState, width: number) => LiveFrame | null;

/** The store values a frame is made of; when they are all unchanged (===) the frame is too. */
export type FrameInputs = (s: TrainingState) => readonly unknown[];

function sameInputs(a: readonly unknown[] | null, b: readonly unknown[]): boolean {
  return !!a && a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Draws `build`'s frames into `host` (legend into `legend`) for as long as the component is
 * mounted. `inputs` lets a store change that does not concern the chart skip the frame. `deps`
 * are the values `build` closes over (mode toggles, theme): a change rebuilds the plot.
 */
export function useLivePlot(
  host: RefObject<HTMLDivElement | null>,
  legend: RefObject<HTMLDivElement | null>,
  build: FrameBuilder,
  inputs: FrameInputs,
  deps: DependencyList,
): void {
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let plot: uPlot | null = null;
    let signature = '';
    let raf = 0;
    let drawn: readonly unknown[] | null = null;

    const destroy = () => {
      plot?.destroy();
      plot = null;
      signature = '';
    };

    const draw = () => {
      raf = 0;
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      if (width < 20 || height < 20) return; // hidden: the ResizeObserver redraws when shown
      const state = getTraining();
      const now = [...inputs(state), width, height];
      if (sameInputs(drawn, now)) return;
      drawn = now;
      const frame = build(state, width);
      if (!frame) return destroy();
      if (!plot || frame.signature !== signature) {
        destroy();
        const opts = frame.options();
        plot = new uPlot(
          {
            ...opts,
            width,
            height,
            legend: {
              ...opts.legend,
              mount: (_self, table) => legend.current?.appendChild(table),
            },
          },
          frame.data,
          el,
        );
        signature = frame.signature;
      } else {
        if (plot.width !== width || plot.height !== height) plot.setSize({ width, height });
        plot.setData(frame.data);
      }
      const last = frame.data[0].length - 1;
      if (last >= 0 && (plot.cursor.left ?? -1) < 0) plot.setLegend({ idx: last });
    };

    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    const unsubscribe = subscribeTraining(schedule);
    const resize = new ResizeObserver(schedule);
    resize.observe(el);
    schedule();
    return () => {
      cancelAnimationFrame(raf);
      unsubscribe();
      resize.disconnect();
      destroy();
    };
    // The caller lists what `build` depends on; `host` and `legend` are stable refs.
  }, deps);
}
