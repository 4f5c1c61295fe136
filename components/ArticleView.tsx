import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Article } from '../utils/article';
import { formatPublished } from '../utils/format';
import { t, uiLanguage } from '../utils/i18n';
import { createSanitizer, type Sanitizer } from '../utils/extract/sanitize';

let sanitizer: Sanitizer | undefined;
function sanitize(html: string): DocumentFragment {
  sanitizer ??= createSanitizer(window);
  return sanitizer.fragment(html);
}

interface Props {
  article: Article;
  /** Called once the title and the (sanitised) body are in the DOM. */
  onRendered?: (title: HTMLElement, body: HTMLElement) => void;
}

/**
 * The clean reader view of one article. Its HTML is always sanitised here, at render
 * time. Title and body text are set imperatively: layers (entity marks, highlights)
 * wrap their text afterwards, which Preact must not undo.
 */
export function ArticleView({ article, onRendered }: Props) {
  const title = useRef<HTMLHeadingElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const published = formatPublished(article.publishedTime, uiLanguage());
  // The latest callback, read when the text is set: a new callback alone must not rebuild the
  // body (that would drop the marks the layers drew on it).
  const rendered = useRef(onRendered);
  rendered.current = onRendered;

  useLayoutEffect(() => {
    if (!body.current || !title.current) return;
    title.current.textContent = article.title;
    body.current.replaceChildren(sanitize(article.contentHtml));
    rendered.current?.(title.current, body.current);
  }, [article.contentHtml, article.title]);

  return (
    <article class="reader" lang={article.lang ?? undefined} data-testid="article">
      <header class="reader-head">
        {article.siteName && (
          <p class="reader-site" data-testid="site-name">
            {article.siteName}
          </p>
        )}
        {/* eslint-disable-next-line jsx-a11y/heading-has-content -- the layout effect sets the title's text (layers wrap it; Preact must not own it) */}
        <h1 class="reader-title" ref={title} data-testid="title" />
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
      {/* Focusable, so a keyboard reader can go in and select with Shift+Arrow (see useSelection). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable text region must take focus for keyboard selection (axe: scrollable-region-focusable) */}
      <div class="reader-body" ref={body} tabIndex={0} role="region" aria-label={t('articleBodyLabel')} data-testid="article-body" />
    </article>
  );
}
