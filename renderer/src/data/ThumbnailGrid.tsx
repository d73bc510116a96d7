// A grid of the first images of an image-like array, each drawn on its own small canvas from RGBA
// pixels computed off the UI thread (engine/data/preview.ts thumbnailPixels).
import { useEffect, useRef } from 'react';
import type { Thumbnails } from '../../../engine/data/preview.ts';

function Thumb({ t, index, label }: { t: Thumbnails; index: number; label?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width, height } = t.layout;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const per = width * height * 4;
    const pixels = new Uint8ClampedArray(per);
    pixels.set(t.rgba.subarray(index * per, (index + 1) * per));
    ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
  }, [t, index, width, height]);
  const name = `${t.array} #${index + 1}${label !== undefined ? `, label ${label}` : ''}`;
  return (
    <figure className="thumb">
      <canvas ref={canvas} width={width} height={height} role="img" aria-label={name} />
      {label !== undefined && <figcaption>{label}</figcaption>}
    </figure>
  );
}

/** Thumbnails of one array; `labels` (the bound target's first values) caption them. */
export function ThumbnailGrid({
  thumbnails,
  samples,
  labels,
}: {
  thumbnails: Thumbnails;
  samples: number;
  labels?: readonly string[];
}) {
  const { array, count, layout } = thumbnails;
  return (
    <section className="thumbs" aria-label={`Images of ${array}`}>
      <p className="data-tab__hint">
        <code>{array}</code>: the first {count} of {samples} images ({layout.height}×{layout.width}
        {layout.channels === 3 ? ', RGB' : ''})
      </p>
      <div className="thumbs__grid">
        {Array.from({ length: count }, (_, i) => (
          <Thumb key={i} t={thumbnails} index={i} label={labels?.[i]} />
        ))}
      </div>
    </section>
  );
}
