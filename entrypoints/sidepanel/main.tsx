import { render } from 'preact';
import { requestArticle } from '../../components/article-request';
import { ReaderApp } from '../../components/ReaderApp';
import { t, uiLanguage } from '../../utils/i18n';
import '../../components/theme.css';
import '../popup/popup.css';

// The side panel (Chrome side_panel, Firefox sidebar_action): the popup's reader, beside the
// page, following the active tab. Opened as a page of its own (tests) it is told a tab to start with.
const params = new URLSearchParams(location.search);
const tabParam = params.get('tabId');
const tabId = tabParam === null ? undefined : Number(tabParam);
document.documentElement.lang = uiLanguage();
document.title = t('extName');
document.documentElement.classList.add('standalone', 'panel');
const initial = tabId === undefined ? undefined : requestArticle(tabId, 'panel');
render(<ReaderApp surface="panel" tabId={tabId} initial={initial} />, document.getElementById('app')!);
