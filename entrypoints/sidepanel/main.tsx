import { render } from 'preact';
import '../../components/notice.css';
import { localiseTitle, uiLang } from '../../shared/i18n';
import { SidePanel } from './SidePanel';
import './style.css';

document.documentElement.lang = uiLang();
localiseTitle();
const params = new URLSearchParams(location.search);
const forced = Number(params.get('tab'));
render(
  <SidePanel forcedTabId={Number.isInteger(forced) && forced > 0 ? forced : null} initialView={params.get('view')} />,
  document.getElementById('app')!,
);
