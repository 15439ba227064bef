import { render } from 'preact';
import { t, uiLang } from '../../shared/i18n';
import { Welcome } from './Welcome';
import './style.css';

document.documentElement.lang = uiLang();
document.title = t('welcomeTitle');
render(<Welcome />, document.getElementById('app')!);
