// Renders the shell's current modal (see modal.ts): a confirmation, a message or the template gallery.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { TemplateGallery } from '../projects/TemplateGallery.tsx';
import { closeModal, useModal, type Modal } from './modal.ts';

const FOCUSABLE = 'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled)';

/** Keeps Tab and Shift+Tab cycling inside the dialog (it is modal). */
function trapTab(e: KeyboardEvent, root: HTMLElement | null): void {
  const items = root ? [...root.querySelectorAll<HTMLElement>(FOCUSABLE)] : [];
  if (!items.length) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

function Frame(props: {
  title: string;
  onDismiss: (() => void) | null;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Focus the first control so keyboard users land inside the dialog; give focus back on close.
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className={props.wide ? 'modal modal--wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby="modal-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && props.onDismiss) {
            e.stopPropagation();
            props.onDismiss();
          } else if (e.key === 'Tab') trapTab(e, ref.current);
        }}
      >
        <h2 id="modal-title" className="modal__title">
          {props.title}
        </h2>
        {props.children}
      </div>
    </div>
  );
}

function Body({ modal }: { modal: Modal }) {
  switch (modal.kind) {
    case 'confirm':
      return (
        <Frame
          title={modal.title}
          onDismiss={modal.dismissable ? () => modal.resolve(false) : null}
        >
          <p className="modal__message">{modal.message}</p>
          <div className="modal__actions">
            <button type="button" onClick={() => modal.resolve(false)}>
              {modal.cancelLabel}
            </button>
            <button type="button" className="primary" onClick={() => modal.resolve(true)}>
              {modal.confirmLabel}
            </button>
          </div>
        </Frame>
      );
    case 'message':
      return (
        <Frame title={modal.title} onDismiss={closeModal}>
          <p className="modal__message" role="alert">
            {modal.message}
          </p>
          <div className="modal__actions">
            <button type="button" className="primary" onClick={closeModal}>
              OK
            </button>
          </div>
        </Frame>
      );
    case 'gallery':
      return (
        <Frame title="New project" onDismiss={closeModal} wide>
          <TemplateGallery onDone={closeModal} />
          <div className="modal__actions">
            <button type="button" onClick={closeModal}>
              Cancel
            </button>
          </div>
        </Frame>
      );
  }
}

/** The modal layer of the shell (renders nothing when no modal is open). */
export function ModalHost() {
  const modal = useModal();
  return modal ? (
    <Body key={modal.kind === 'gallery' ? 'gallery' : modal.title} modal={modal} />
  ) : null;
}
