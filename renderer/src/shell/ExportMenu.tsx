// The toolbar's "Export ▾" menu, and MenuButton: the accessible menu-button pattern it shares with
// "Import ▾" (a button with aria-haspopup, a role="menu" list; arrows, Home/End, Escape, Tab).
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { EXPORT_ITEMS, exportAs, exportBlocker, useTransfer } from '../projects/exportImport.ts';
import { inferenceOf, useProject } from '../state/store.ts';

/** One item of a MenuButton's menu. */
export interface MenuItem {
  key: string;
  label: string;
  /** Tooltip text (what the item does). */
  hint: string;
  onSelect: () => void;
}

const POPUP_STYLE = {
  position: 'absolute',
  top: '100%',
  left: 0,
  zIndex: 20,
  display: 'flex',
  flexDirection: 'column',
  minWidth: 220,
  padding: 4,
  marginTop: 2,
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  borderRadius: 6,
  boxShadow: 'var(--shadow)',
} as const;

/** A toolbar button that opens a menu of items; `disabledReason` disables it with that tooltip. */
export function MenuButton(props: {
  label: string;
  items: readonly MenuItem[];
  disabledReason?: string | null;
  busy?: boolean;
  busyLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const disabled = Boolean(props.disabledReason) || Boolean(props.busy);
  const items = () => [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    // A press anywhere outside closes the menu, like a native one.
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(all.length - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') close(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div ref={root} style={{ position: 'relative' }}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-disabled={disabled || undefined}
        aria-busy={props.busy || undefined}
        title={props.disabledReason ?? undefined}
        onClick={() => {
          if (!disabled) setOpen((o) => !o);
        }}
        onKeyDown={(e) => {
          if (!disabled && e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {props.busy && props.busyLabel ? props.busyLabel : `${props.label} ▾`}
      </button>
      {open && (
        <div role="menu" aria-label={props.label} style={POPUP_STYLE} onKeyDown={onMenuKey}>
          {props.items.map((item) => (
            <button
              key={item.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              title={item.hint}
              style={{ textAlign: 'left' }}
              onClick={() => {
                close(true);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** A polite live region with the last export/import status ("Exporting two_tower.keras…"). */
export function TransferStatus(): ReactNode {
  const { status } = useTransfer();
  return (
    <span role="status" className="toolbar__status" style={{ color: 'var(--muted)', fontSize: 12 }}>
      {status ?? ''}
    </span>
  );
}

/** Export ▾: one item per format; disabled with the reason while the model is invalid. */
export function ExportMenu() {
  const doc = useProject();
  const { busy } = useTransfer();
  const reason = exportBlocker(doc, inferenceOf(doc));
  return (
    <MenuButton
      label="Export"
      busy={busy !== null}
      busyLabel={busy === 'export' ? 'Exporting…' : undefined}
      disabledReason={reason}
      items={EXPORT_ITEMS.map((i) => ({
        key: i.format,
        label: i.label,
        hint: i.hint,
        onSelect: () => void exportAs(i.format),
      }))}
    />
  );
}
