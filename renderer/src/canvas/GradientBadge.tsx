// The gradient overlay of the canvas while training: the hooks a node or edge uses to read its own
// gradient (one cached Map lookup per training update, so 500 nodes stay cheap), the health badge
// in a node's title, and the norm line under it. Nothing renders when there are no statistics.
import { getState } from '../state/store.ts';
import { useTraining } from '../training/store.ts';
import {
  formatNorm,
  gradientTitle,
  healthAdvice,
  liveStats,
  viewOf,
  type EdgeGradient,
  type NodeGradient,
} from './gradients.ts';

const docEdges = () => getState().history.present.edges;

/** This node's gradient in the latest statistics, or null (re-renders only when it changes). */
export function useNodeGradient(id: string): NodeGradient | null {
  return useTraining((s) => {
    const stats = liveStats(s);
    return stats ? (viewOf(stats, docEdges()).nodes.get(id) ?? null) : null;
  });
}

/** The gradient flowing back along edges leaving `source`, or null. */
export function useEdgeGradient(source: string): EdgeGradient | null {
  return useTraining((s) => {
    const stats = liveStats(s);
    return stats ? (viewOf(stats, docEdges()).edges.get(source) ?? null) : null;
  });
}

/** The vanishing/exploding badge, with a tooltip saying what it means and what to try. */
export function GradientBadge({ gradient }: { gradient: NodeGradient }) {
  const advice = healthAdvice(gradient);
  if (!advice) return null;
  const exploding = gradient.health === 'exploding';
  return (
    <span
      className={`grad-badge grad-badge--${gradient.health}`}
      role="img"
      aria-label={exploding ? 'Exploding gradients' : 'Vanishing gradients'}
      title={advice}
      data-grad-health={gradient.health}
    >
      {exploding ? '↑' : '↓'}
    </span>
  );
}

/** The node's gradient norm ("∇ 0.0123", or "∇out 0.0123" for layers without parameters). */
export function GradientNorm({ gradient }: { gradient: NodeGradient }) {
  return (
    <div
      className={`layer-node__grad layer-node__grad--${gradient.health}`}
      title={gradientTitle(gradient)}
      aria-label="Gradient norm"
      data-grad-source={gradient.source}
    >
      <span className="layer-node__grad-label">
        {gradient.source === 'params' ? '∇ params' : '∇ output'}
      </span>
      <span className="layer-node__grad-value">{formatNorm(gradient.norm)}</span>
    </div>
  );
}
