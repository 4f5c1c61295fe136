import { render } from 'preact';
import { ReaderApp, requestArticle } from '../../components/ReaderApp';
import { t, uiLanguage } from '../../utils/i18n';
import '../../components/theme.css';
import './popup.css';

const params = new URLSearchParams(location.search);
const tabParam = params.get('tabId');
// Opened from the toolbar the popup reads the active tab; opened as a page of its own
// (tests, "open in tab") it is told which tab to read.
const standalone = tabParam !== null;
document.documentElement.lang = uiLanguage();
document.title = t('extName');
document.documentElement.classList.toggle('standalone', standalone);
const tabId = tabParam === null ? undefined : Number(tabParam);
// Start the work before the first render: extraction overlaps the popup's own start-up.
const initial = requestArticle(tabId);
render(<ReaderApp surface="popup" tabId={tabId} initial={initial} />, document.getElementById('app')!);
