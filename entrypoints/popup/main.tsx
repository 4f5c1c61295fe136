import { requestArticle, tellPanel } from '../../components/article-request';
import '../../components/theme.css';
import './popup.css';

const params = new URLSearchParams(location.search);
const tabParam = params.get('tabId');
const tabId = tabParam === null ? undefined : Number(tabParam);
// Ask for the article first, then load the reader: extraction overlaps the loading of the
// reader's code and its first render (npm run bench, "popup by page size").
const initial = requestArticle(tabId);
// From the toolbar: an open side panel may now read this tab too.
if (tabParam === null) tellPanel(initial);
// Opened from the toolbar the popup reads the active tab; opened as a page of its own
// (tests, "open in tab") it is told which tab to read.
void import('./mount').then(({ mount }) => mount({ surface: 'popup', tabId, initial, classes: tabParam === null ? [] : ['standalone'] }));
