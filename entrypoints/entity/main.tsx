import { render } from 'preact';
import { EntityApp } from '../../components/EntityApp';
import { MarginDB } from '../../utils/db/schema';
import { t, uiLanguage } from '../../utils/i18n';
import '../../components/theme.css';
import '../library/library.css';
import './entity.css';

// One entity across the library (entity.html?key=<kind>:<name>), issue 24.
document.documentElement.lang = uiLanguage();
document.title = t('entityPageTitle');
render(<EntityApp db={new MarginDB()} entityKey={new URLSearchParams(location.search).get('key')} />, document.getElementById('app')!);
