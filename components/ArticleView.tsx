import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Article } from '../utils/article';
import { formatPublished } from '../utils/format';
import { t, uiLanguage } from '../utils/i18n';
import { createSanitizer, type Sanitizer } from '../utils/extract/sanitize';
import { MIN_PHOTO_SIDE, photoKey } from '../utils/extract/photos';

let sanitizer: Sanitizer | undefined;
function sanitize(html: string): DocumentFragment {
  sanitizer ??= createSanitizer(window);
  return sanitizer.fragment(html);
}

/**
 * The saved copy's photos (issue 22): each picture whose photo is kept shows it from the
 * database (an object URL the saved copy made and revokes); one not kept that fails to load
 * (offline) is replaced by a plain notice saying so, with its description.
 */
function showKeptPhotos(body: HTMLElement, photos: ReadonlyMap<string, string>) {
  for (const img of body.querySelectorAll('img')) {
    const key = photoKey(img.getAttribute('src'), img.getAttribute('srcset'));
    const kept = key === null ? undefined : photos.get(key);
    if (kept) {
      // The page's other sizes would be fetched from the site instead.
      img.removeAttribute('srcset');
      img.removeAttribute('sizes');
      if (img.parentElement?.localName === 'picture') for (const source of img.parentElement.querySelectorAll('source')) source.remove();
      img.src = kept;
      img.dataset.photo = 'kept';
      continue;
    }
    img.dataset.photo = 'remote';
    img.addEventListener(
      'error',
      () => {
        // A pixel or an icon the page declared tiny is no photo to miss.
        const side = Math.min(Number(img.getAttribute('width') ?? Infinity), Number(img.getAttribute('height') ?? Infinity));
        if (side < MIN_PHOTO_SIDE) return img.remove();
        const notice = document.createElement('span');
        notice.className = 'photo-missing';
        notice.dataset.testid = 'photo-missing';
        notice.setAttribute('role', 'img');
        const alt = img.getAttribute('alt')?.trim();
        notice.setAttribute('aria-label', alt ? `${t('photoNotKept')} ${alt}` : t('photoNotKept'));
        notice.textContent = t('photoNotKept');
        img.replaceWith(notice);
      },
      { once: true },
    );
  }
}

interface Props {
  article: Article;
  /** The saved copy's kept photos, by picture key (utils/extract/photos.ts photoKey) → object URL. */
  photos?: ReadonlyMap<string, string>;
  /** Called once the title and the (sanitised) body are in the DOM. */
  onRendered?: (title: HTMLElement, body: HTMLElement) => void;
}

/**
 * The clean reader view of one article. Its HTML is always sanitised here, at render
 * time. Title and body text are set imperatively: layers (entity marks, highlights)
 * wrap their text afterwards, which Preact must not undo.
 */
export function ArticleView({ article, photos, onRendered }: Props) {
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
    if (photos) showKeptPhotos(body.current, photos);
    rendered.current?.(title.current, body.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the photos are read with the article (SavedReaderApp) and never change without it
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
