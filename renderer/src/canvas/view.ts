// A narrow bridge from the canvas to panels outside its ReactFlowProvider (the palette): where
// the centre of the visible canvas is, in flow coordinates. Registered while the canvas is mounted.
type Centre = () => { x: number; y: number };

let centre: Centre | null = null;

/** Registers the mounted canvas's centre function; returns the unregister function. */
export function registerViewCentre(fn: Centre): () => void {
  centre = fn;
  return () => {
    if (centre === fn) centre = null;
  };
}

/** The centre of the visible canvas in flow coordinates (the origin when no canvas is mounted). */
export function viewCentre(): { x: number; y: number } {
  return centre ? centre() : { x: 0, y: 0 };
}
