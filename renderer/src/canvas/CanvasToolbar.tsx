// The canvas toolbar: auto-layout and the snap-to-grid toggle (zoom and fit view are in the
// React Flow controls).
interface Props {
  snap: boolean;
  onSnap: (on: boolean) => void;
  onLayout: () => void;
}

/** Buttons over the top-right corner of the canvas. */
export function CanvasToolbar({ snap, onSnap, onLayout }: Props) {
  return (
    <div className="canvas-toolbar" role="toolbar" aria-label="Canvas tools">
      <button type="button" onClick={onLayout} title="Lay out left to right (Shift+L)">
        Auto-layout
      </button>
      <button
        type="button"
        aria-pressed={snap}
        onClick={() => onSnap(!snap)}
        title="Snap node positions to the grid"
      >
        Snap to grid
      </button>
    </div>
  );
}
