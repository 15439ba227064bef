import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../shared/i18n';

/** A message at the foot of the panel, with an undo button when the action can be undone. */
export interface Toast {
  /** Distinguishes two toasts with the same text. */
  key: number;
  message: string;
  undo?: () => void;
}

/** How long a toast stays when the pointer and focus are elsewhere (ms). */
export const TOAST_MS = 8000;

/**
 * Shows `toast` until TOAST_MS pass (not while the pointer or focus is on it), its undo is pressed, or it is
 * dismissed. When the action removed the focused control (a deleted note's button), focus goes to Undo so a
 * keyboard user can take it back at once. The text itself is announced by the caller's live region.
 */
export function UndoToast({ toast, onDone }: { toast: Toast; onDone(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const held = useRef(false);
  useEffect(() => {
    if (undoRef.current && (document.activeElement === null || document.activeElement === document.body)) undoRef.current.focus();
    const tick = () => {
      if (held.current || ref.current?.contains(document.activeElement)) timer = setTimeout(tick, 1000);
      else onDone();
    };
    let timer = setTimeout(tick, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast.key]);
  return (
    <div
      ref={ref}
      class="toast"
      data-testid="toast"
      onMouseEnter={() => (held.current = true)}
      onMouseLeave={() => (held.current = false)}
    >
      <span>{toast.message}</span>
      {toast.undo && (
        <button
          ref={undoRef}
          type="button"
          class="undo"
          onClick={() => {
            toast.undo!();
            onDone();
          }}
        >
          {t('panelActionUndo')}
        </button>
      )}
      <button type="button" class="dismiss" aria-label={t('panelActionDismiss')} onClick={onDone}>
        ×
      </button>
    </div>
  );
}
