// A minimap node that follows a drag: React Flow's own draws the position React Flow knows, which
// a drag only updates when it ends (see dragStore.ts). This one draws React Flow's at the live
// position while its node is being dragged.
import { memo } from 'react';
import { MiniMapNode as FlowMiniMapNode, type MiniMapNodeProps } from '@xyflow/react';
import { useDragPosition } from './dragStore.ts';

function MiniMapNodeImpl(props: MiniMapNodeProps) {
  const live = useDragPosition(props.id);
  return <FlowMiniMapNode {...props} x={live?.x ?? props.x} y={live?.y ?? props.y} />;
}

/** The minimap's node component (module scope, memoised like React Flow's). */
export const MiniMapNode = memo(MiniMapNodeImpl);
