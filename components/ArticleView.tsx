import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Article } from '../utils/article';
import { formatDateTime } from '../utils/format';
import { t, uiLanguage } from '../utils/i18n';
import { createSanitizer, type Sanitizer } from '../utils/sanitize';

let sanitizer: Sanitizer | undefined;
function sanitize(html: string): DocumentFragment {
  sanitizer ??= createSanitizer(window);
  return sanitizer.fragment(html);
}

interface Props {
  article: Article;
  /** Called with the rendered body once its (sanitised) HTML is in the DOM. */
  onRendered?: (body: HTMLElement) => void;
}

/** The clean reader view of one article. Its HTML is always sanitised here, at render time. */
export function ArticleView({ article, onRendered }: Props) {
  const body = useRef<HTMLDivElement>(null);
  const html = article.contentHtml;
  const published = formatDateTime(article.publishedTime, uiLanguage());

  useLayoutEffect(() => {
    if (!body.current) return;
    body.current.replaceChildren(sanitize(html));
    onRendered?.(body.current);
  }, [html]);

  return (
    <article class="reader" lang={article.lang ?? undefined} data-testid="article">
      <header class="reader-head">
        {article.siteName && <p class="reader-site" data-testid="site-name">{article.siteName}</p>}
        <h1 class="reader-title" data-testid="title">
          {article.title}
        </h1>
        <p class="reader-meta">
          {article.byline && (
            <span class="reader-byline" data-testid="byline">
              {article.byline}
            </span>
          )}
          {published && (
            <time class="reader-date" dateTime={article.publishedTime ?? undefined} data-testid="published">
              {t('publishedOn', published)}
            </time>
          )}
        </p>
      </header>
      <div class="reader-body" ref={body} data-testid="article-body" />
    </article>
  );
}
