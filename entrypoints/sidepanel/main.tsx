import { render } from 'preact';
import '../../components/notice.css';
import { uiLang } from '../../shared/i18n';
import { OutlinePanel } from './OutlinePanel';
import './style.css';

document.documentElement.lang = uiLang();
document.title = document.title.startsWith('__MSG_') ? 'Outline' : document.title;
const forced = Number(new URLSearchParams(location.search).get('tab'));
render(<OutlinePanel forcedTabId={Number.isInteger(forced) && forced > 0 ? forced : null} />, document.getElementById('app')!);
