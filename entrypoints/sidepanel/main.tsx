import { render } from 'preact';
import '../../components/notice.css';
import { localiseTitle, uiLang } from '../../shared/i18n';
import { panelParams, startEarly } from './early';
import { SidePanel } from './SidePanel';
import './style.css';

document.documentElement.lang = uiLang();
localiseTitle();
const { forcedTabId, view } = panelParams(location.search);
// the page and the notes are asked for before the panel's first render, by the early script unless it did not run
// (early.ts)
startEarly(forcedTabId, view === 'notes');
render(
  <SidePanel forcedTabId={forcedTabId} initialView={view} />,
  document.getElementById('app')!,
);
