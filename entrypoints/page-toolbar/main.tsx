import { render } from 'preact';
import { PageToolbarApp, type PageToolbarApi } from '../../components/PageToolbarApp';
import { sendMessage } from '../../utils/background/messages';
import { uiLanguage } from '../../utils/i18n';
import '../../components/theme.css';
import './page-toolbar.css';

// The on-page toolbar's frame (utils/page/page-toolbar.ts places it; the page cannot read it).
// Its mode comes in the fragment; everything it does goes through the background, which knows
// its tab from the message's sender.
const params = new URLSearchParams(location.hash.slice(1));
const api: PageToolbarApi = {
  save: (color, note) => sendMessage('pageToolbarSave', { color, note }),
  load: (id) => sendMessage('pageToolbarHighlight', { id }),
  edit: (id, patch, base) => sendMessage('pageToolbarEdit', { id, patch, base }),
  remove: (id) => sendMessage('pageToolbarDelete', { id }),
  close: () => void sendMessage('pageToolbarFrame', { op: 'close' }).catch(() => {}),
  size: (height) => void sendMessage('pageToolbarFrame', { op: 'size', height }).catch(() => {}),
};
document.documentElement.lang = uiLanguage().startsWith('ko') ? 'ko' : 'en';
render(
  <PageToolbarApp mode={params.get('mode') === 'edit' ? 'edit' : 'new'} id={params.get('id') ?? undefined} focus={params.get('focus') === '1'} api={api} />,
  document.getElementById('app')!,
);
