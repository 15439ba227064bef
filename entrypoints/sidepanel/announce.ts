import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Says `text` through the panel's polite aria-live region (screen readers read it when they are idle). */
export type Announce = (text: string) => void;

export const AnnounceContext = createContext<Announce>(() => undefined);

/** The panel's announcer (a no-op outside the panel). */
export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}
