import { render } from 'preact';
import { readerAddress, SavedReaderApp } from '../../components/SavedReaderApp';
import { t, uiLanguage } from '../../utils/i18n';
import '../../components/theme.css';
import '../popup/popup.css';

// The saved copy of an article, opened from the library (reader.html?id=…[&hl=…|&at=…]).
const { id, focus } = readerAddress(new URLSearchParams(location.search));
document.documentElement.lang = uiLanguage();
document.title = t('extName');
document.documentElement.classList.add('standalone', 'saved');
render(<SavedReaderApp id={id} focus={focus} />, document.getElementById('app')!);
