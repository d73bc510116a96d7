// The one node component: renders any layer from its inferred face (name, type, inline params,
// output shape, parameter count, error) and, while training, its gradient norm and health. Memoised;
// React Flow re-renders it only when its node object changes, which derive.ts limits to real
// changes; the gradient comes from a per-node training-store subscription (GradientBadge.tsx).
import { memo, useEffect, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { OUTPUT_PORT, variadicIndex } from '../../../engine/graph/ports.ts';
import type { LayerFlowNode } from './derive.ts';
import { GradientBadge, GradientNorm, useNodeGradient } from './GradientBadge.tsx';

const count = new Intl.NumberFormat('en-US');

function portLabel(port: string): string | null {
  const i = variadicIndex(port);
  return i === null ? null : String(i + 1);
}

function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const updateInternals = useUpdateNodeInternals();
  const portKey = data.ports.join(',');
  const measuredPorts = useRef(portKey);
  // Handles appear/disappear as variadic inputs connect; React Flow must re-measure them. Not on
  // mount: React Flow measures new nodes itself, and 500 extra updates would stall a paste.
  useEffect(() => {
    if (measuredPorts.current === portKey) return;
    measuredPorts.current = portKey;
    updateInternals(id);
  }, [id, portKey, updateInternals]);
  const gradient = useNodeGradient(id);
  const many = data.ports.length > 1 || (data.ports[0] ?? 'in') !== 'in';
  const health = gradient && gradient.health !== 'ok' ? ` layer-node--${gradient.health}` : '';
  return (
    <div
      className={`layer-node${data.error ? ' layer-node--error' : ''}${health}`}
      data-layer-type={data.type}
      aria-label={`${data.name} (${data.type})`}
      role="group"
    >
      <div className="layer-node__body">
        <header className="layer-node__title">
          <span className="layer-node__name">{data.name}</span>
          <span className="layer-node__type">{data.type}</span>
          {gradient && <GradientBadge gradient={gradient} />}
          {data.error && (
            <span className="layer-node__badge" role="img" aria-label="Error" title={data.error}>
              !
            </span>
          )}
        </header>
        {data.inline && <div className="layer-node__inline">{data.inline}</div>}
        <div className="layer-node__meta">
          <span className="layer-node__shape" aria-label="Output shape">
            {data.shape ?? '?'}
          </span>
          {data.params !== null && (
            <span className="layer-node__params" aria-label="Parameters">
              {count.format(data.params)} params
            </span>
          )}
        </div>
        {gradient && <GradientNorm gradient={gradient} />}
        {data.error && selected && (
          <p className="layer-node__error" role="alert">
            {data.error}
          </p>
        )}
      </div>
      {/* After the body, so the handles (half over the card's edge) paint and take clicks above it. */}
      <div className="layer-node__ins">
        {data.ports.map((port, i) => {
          const numbered = many && i < data.ports.length - 1;
          return (
            <Handle
              key={port}
              id={port}
              type="target"
              position={Position.Left}
              className={numbered ? 'layer-node__in layer-node__in--numbered' : 'layer-node__in'}
              aria-label={`${data.name} input ${portLabel(port) ?? ''}`.trim()}
            >
              {numbered && <span className="layer-node__port">{portLabel(port)}</span>}
            </Handle>
          );
        })}
      </div>
      <div className="layer-node__outs">
        <Handle
          id={OUTPUT_PORT}
          type="source"
          position={Position.Right}
          className="layer-node__out"
          aria-label={`${data.name} output`}
        />
      </div>
    </div>
  );
}

/** The memoised layer node. */
export const LayerNode = memo(LayerNodeView);

/** Node types, defined once at module scope so React Flow never remounts nodes. */
export const nodeTypes = { layer: LayerNode };
