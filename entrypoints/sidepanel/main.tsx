import { requestArticle } from '../../components/article-request';
import { mount } from '../popup/mount';
import '../../components/theme.css';
import '../popup/popup.css';

// The side panel (Chrome side_panel, Firefox sidebar_action): the popup's reader, beside the
// page, following the active tab. Opened as a page of its own (tests) it is told a tab to start with.
const params = new URLSearchParams(location.search);
const tabParam = params.get('tabId');
const tabId = tabParam === null ? undefined : Number(tabParam);
const initial = tabId === undefined ? undefined : requestArticle(tabId, 'panel');
mount({ surface: 'panel', tabId, initial, classes: ['standalone', 'panel'] });
