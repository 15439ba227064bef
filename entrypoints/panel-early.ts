import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { panelParams, startEarly } from './sidepanel/early';

/*
 * The side panel's first asks, made from a small classic script in the panel's <head> while the page is still being
 * parsed (see sidepanel/early.ts): the panel's own module graph loads and runs 40-60 ms later on the test machine.
 */
export default defineUnlistedScript(() => {
  const { forcedTabId, view } = panelParams(location.search);
  startEarly(forcedTabId, view === 'notes');
});
