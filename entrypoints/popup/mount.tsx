import { render } from 'preact';
import type { ArticleAnswer } from '../../components/article-request';
import { ReaderApp } from '../../components/ReaderApp';
import { t, uiLanguage } from '../../utils/i18n';

/** The popup's reader, rendered once the first request is on its way (main.tsx). */
export function mount({ tabId, standalone, initial }: { tabId: number | undefined; standalone: boolean; initial: Promise<ArticleAnswer> }): void {
  document.documentElement.lang = uiLanguage();
  document.title = t('extName');
  document.documentElement.classList.toggle('standalone', standalone);
  render(<ReaderApp surface="popup" tabId={tabId} initial={initial} />, document.getElementById('app')!);
}
