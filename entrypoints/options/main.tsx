import { render } from 'preact';
import { t, uiLang } from '../../shared/i18n';
import { Options } from './Options';
import './style.css';

document.documentElement.lang = uiLang();
document.title = t('optionsTitle');
render(<Options />, document.getElementById('app')!);
