// The New-project gallery: one card per template.
import { createFromTemplate } from './projectActions.ts';
import { templates } from './templates.ts';

/** The template cards; picking one replaces the document and calls onDone. */
export function TemplateGallery({ onDone }: { onDone: () => void }) {
  return (
    <ul className="gallery" aria-label="Templates">
      {templates.map((t) => (
        <li key={t.id}>
          <button
            type="button"
            className="gallery__card"
            aria-label={t.title}
            aria-describedby={`template-${t.id}`}
            onClick={() => {
              createFromTemplate(t);
              onDone();
            }}
          >
            <span className="gallery__title">{t.title}</span>
            <span className="gallery__description" id={`template-${t.id}`}>
              {t.description}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
