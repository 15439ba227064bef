import { render } from 'preact';
import '../../components/notice.css';
import { localiseTitle, uiLang } from '../../shared/i18n';
import { Popup } from './Popup';
import './style.css';

document.documentElement.lang = uiLang();
localiseTitle();
// tests open the popup as a tab aimed at another one: popup.html?tab=<id>
const forced = Number(new URLSearchParams(location.search).get('tab'));
render(<Popup forcedTabId={Number.isInteger(forced) && forced > 0 ? forced : null} />, document.getElementById('app')!);
