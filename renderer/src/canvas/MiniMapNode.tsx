// A minimap node that follows a drag: React Flow's own draws the position React Flow knows, which
// a drag only updates when it ends (see dragStore.ts). Same rectangle and classes as React Flow's
// (colours come from the theme's --xy-minimap-node-* variables: no per-node colour is set).
import { memo } from 'react';
import type { MiniMapNodeProps } from '@xyflow/react';
import { useDragPosition } from './dragStore.ts';

function MiniMapNodeImpl(props: MiniMapNodeProps) {
  const live = useDragPosition(props.id);
  const { color, strokeColor, strokeWidth, borderRadius, onClick, id } = props;
  const cls = `react-flow__minimap-node${props.selected ? ' selected' : ''}${props.className ? ` ${props.className}` : ''}`;
  return (
    <rect
      className={cls}
      x={live?.x ?? props.x}
      y={live?.y ?? props.y}
      rx={borderRadius}
      ry={borderRadius}
      width={props.width}
      height={props.height}
      style={{
        fill: color,
        stroke: strokeColor,
        strokeWidth,
      }}
      shapeRendering={props.shapeRendering}
      onClick={onClick ? (e) => onClick(e, id) : undefined}
    />
  );
}

/** The minimap's node component (module scope, memoised like React Flow's). */
export const MiniMapNode = memo(MiniMapNodeImpl);
