import { render } from 'preact';
import { LibraryApp } from '../../components/LibraryApp';
import { MarginDB } from '../../utils/db/schema';
import { t, uiLanguage } from '../../utils/i18n';
import '../../components/theme.css';
import './library.css';
import '../entity/entity.css';

document.documentElement.lang = uiLanguage();
document.title = t('libraryTitle');
render(<LibraryApp db={new MarginDB()} />, document.getElementById('app')!);
