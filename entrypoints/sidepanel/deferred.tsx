import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n';

/** The loaded views, by loader: a view shown again draws at once. */
const loaded = new Map<unknown, ComponentType<never>>();

/** A view whose code is loaded when it is first shown (`load`), drawn with `props`. */
export function Deferred<P extends object>({ load, props }: { load: () => Promise<ComponentType<P>>; props: P }) {
  const [View, setView] = useState<ComponentType<P> | null>(() => (loaded.get(load) as ComponentType<P> | undefined) ?? null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (View) return;
    let shown = true;
    load().then(
      (v) => {
        loaded.set(load, v as ComponentType<never>);
        if (shown) setView(() => v);
      },
      (e: unknown) => {
        console.warn('regdraft: could not load a side panel view', e);
        if (shown) setFailed(true);
      },
    );
    return () => void (shown = false);
  }, [load]);
  if (View) return <View {...props} />;
  return (
    <div class="empty">
      <p role={failed ? 'alert' : undefined}>{t(failed ? 'panelViewFailed' : 'panelViewLoading')}</p>
    </div>
  );
}
