/**
 * What Readability keeps that is not the article: the furniture news sites put inside their
 * article bodies. Runs in the content script on Readability's result (with its classes kept),
 * before the text is laid out, so the removed text never reaches the stored article and the
 * text of the article stays the text of its DOM. General rules only — class and itemprop
 * names, phrases of the kind "Image copyright" or "무단전재 및 재배포 금지", the shapes of a
 * credit, a dateline or a byline — never a site's own markup.
 */

// Class or id tokens of boxes that are never the article: newsletters, promotions, related
// links, sharing, ads, credits, screen-reader labels ("Image copyright" on an image).
const JUNK_TOKEN =
  /(?:^|[-_\s])(?:newsletters?|subscri(?:be|ption)|signup|promo(?:tion)?s?|related|recommended|recirc|trending|popular|most-read|share|sharing|social|advert(?:isement)?|ads?|sponsor(?:ed)?|outbrain|taboola|comments?|cookies?|paywall|rail|reprints?|credits?|copyright|off-?screen|sr-only|visually-?hidden|screen-reader-text|read-more|more-stories)(?:$|[-_\s])/i;
const JUNK_ATTR = '[itemprop~=copyrightHolder],[itemprop~=copyrightNotice],[itemprop~=creditText]';

// A block whose whole text is one of these is furniture.
const FURNITURE_LINE =
  /^(?:advert(?:isement)?|sponsored(?: content)?|sign in|log in|subscribe(?: now)?|subscriber services|close|caption|comments?|tags|share(?: this)?(?: article| story)?|read more|continue reading(?: below)?|more great \S+ stories|related(?: articles| stories| news| content| coverage)?|more(?: \w+)?(?: news| stories)?|trending(?: now)?|you may also like|don[’']t miss|latest(?: news)?|popular|breaking news|print(?: article)?|photo|image|video|media playback is unsupported on your device|(?:image )?\d+ ?of(?: \/)? ?\d+|iklan|anzeige|publicit[éy]|publicidad|pubblicit[àa]|реклама|광고|(?:share|tweet|email|e-mail|pin|submit|print|comment|save|whatsapp|facebook|twitter|linkedin|reddit|flipboard)(?:[\s|·•,/]+(?:share|tweet|email|e-mail|pin|it|submit|print|comments?|save|whatsapp|facebook|twitter|linkedin|reddit|flipboard))+|order reprints(?: \| .*)?|about the author|tell us what you think|post (?:a )?comments?(?: \(\+\))?|skip to content|this slideshow requires javascript|text size|loading(?: content)?|highlights|관련 ?기사|많이 본 기사|[\d.,]+ ?(?:views|reads|letture|visualizações|lecturas|aufrufe))[\s.:!…|]*$/i;

// A credit or a caption label: removed even from inside a paragraph.
const CREDIT = /^(?:image (?:copyright|caption)|media caption|\(?(?:image|photo|picture)(?: credit)?s?\s*[:：]|credit\b|[ⓒ©])/i;

// A block that starts so is a promotion or a copyright line (Korean: 저작권자 ⓒ, 무단전재 및 재배포 금지, [사진=…]).
const FURNITURE_START =
  /^(?:\[?related(?: coverage| stories| articles| content| reading| links| posts)?(?: from [^.!?:]{1,50})?\s*:|(?:read|see|watch) more\s*:|\(?(?:(?:read|see) also|leggi anche|leia também|lea también|lire aussi|lesen sie auch)\b[^:]{0,12}:|sign up\s*:|write to \S+(?: \S+){0,2} at \S+@|filed under\s*:|(?:additional|further) reporting by |also on \S+\.\w+|get the latest .{0,60} (?:in|to) your inbox|click here to subscribe|join our .{0,40}(?:forums?|community|newsletter)|email \S+(?: \S+)? at \S+@|want more .{0,40}\?|have a tip\?|like this story\?|this website uses cookies|a version of this article appears in print|sign up (?:for|to) .{0,60}newsletter|subscribe to (?:our|the) |follow (?:us|him|her|them) on|저작권자\s*[ⓒ©(]|copyright\s*[ⓒ©]|[[(【]\s*(?:사진|자료|그래픽|영상)\s*(?:제공)?\s*[=:])|무단\s*전재\s*(?:및|&)?\s*재배포\s*금지|all rights reserved\.?$|^[^.!?]{0,60}\b(?:getty images|shutterstock|associated press|ap photo|reuters|afp|epa|istock)\)?$/i;

// A short block that says any of these is a promotion: newsletters, "click here", affiliate notices.
const PROMO =
  /\b(?:your inbox|we(?: will|'ll)? send (?:you )?an? (?:e-?mail|newsletter)|if you (?:enjoyed|liked|value) (?:this|our) (?:article|story|journalism|reporting)|click(?:ing)? here|subscribe to our|sign up for (?:our|the) [^.!?]{0,40}newsletter|(?:may|might) earn (?:an? )?(?:small )?(?:affiliate )?commission)\b/i;

// A short block that only asks the reader to go somewhere else: follow the site on its social
// accounts, listen to or watch its programme live, subscribe to it ("Follow Newsbeat on Instagram,
// Facebook, Twitter and YouTube.", "Listen to Newsbeat live at 12:45 …", "Subscribe to WIRED …").
const SOCIAL = '(?:instagram|facebook|twitter|x|youtube|tiktok|linkedin|snapchat|threads|bluesky|mastodon|whatsapp|telegram|flipboard)';
const CALL_TO_ACTION = new RegExp(
  `^(?:follow (?:\\S+ ){1,4}on ${SOCIAL}\\b|(?:follow|find|see|read) (?:\\S+ ){0,6}coverage of |(?:listen|tune in) (?:to )?(?:\\S+ ){0,4}(?:live\\b|on (?:bbc sounds|spotify|apple podcasts|the radio)|podcast)|(?:or )?listen back\\b|subscribe to \\S+)`,
  'i',
);

// Where the story came from, as a line of its own ("SOURCE: News agencies", "Via example.info"), and a
// block that is only labelled addresses ("Listen: http://…  Download: http://…").
const SOURCE_LINE = /^(?:sources?\s*:\s*[^.!?]{1,40}|via \S+\.[a-z]{2,})$/i;
const LINK_LINES = /^(?:[\p{L}][\p{L} ]{0,19}:\s*https?:\/\/\S+\s*)+$/u;
// A post's filing line ("05/10/2018 - Posted by: Jane Roe - Category: Health - Tags: …"), and a shortcode the
// site left unrendered ("[button link=…]Send us your review[/button]").
const FILING_LINE = /(?:^|[-|•·]\s*)(?:categor(?:y|ies|ia|ía)|tags|filed (?:under|in))\s*:/i;
const SHORTCODE = /^\[(\w+)[^\]]*\].*\[\/\1\]$/;

// A line that is only the author's role, left behind when the name beside it went to the header
// ("Opinion Columnist", "Contributing Writer").
const ROLE_LINE =
  /^(?:(?:opinion|contributing|staff|senior|chief|guest|political|foreign|national|special|deputy|associate|managing|executive|science|technology|business|sports?|economics|culture|arts|investigative)\s+){0,3}(?:columnist|writer|editor|correspondent|reporter|contributor|critic)s?$/i;

// A Korean byline as a block of its own ("김서연 기자", "홍길동 특파원"): it goes to the header.
const KO_BYLINE_LINE = /^[가-힣]{2,4}\s*(?:[가-힣]{0,6}기자|특파원|논설위원|칼럼니스트|통신원)$/;

// A block that is only a way to reach the author: an address, a handle, a profile.
const CONTACT = /^(?:[\w.+-]+@[\w-]+\.[\w.]+|@\w{2,}|(?:https?:\/\/)?(?:www\.)?(?:twitter|x|facebook|instagram|linkedin|threads)\.(?:com|net)\/\S+)$/i;

// The author's note at the end: "Jane Roe is a freelance writer living in Minneapolis."
// … its role capitalised or not, the address in brackets after the name ("Jeff Roe (jeff@example.com) is the Senior Editor …").
const AUTHOR_NOTE =
  /^(?:[A-Z][\p{L}'’.-]+ ){1,3}[A-Z][\p{L}'’-]+(?: \([^)]{1,60}\))? is (?:a|an|the)\b[^.!?]{0,80}\b(?:[Ww]riter|[Rr]eporter|[Ee]ditor|[Cc]orrespondent|[Cc]olumnist|[Jj]ournalist|[Cc]ontributor|[Pp]roducer|[Bb]logger)\b/u;
// A note that asks the reader to follow its author or the site ("… is out now. Follow him on Twitter @jroe."),
// or says how comments are moderated ("Note: we are moderating all comments …", "Comentários … moderador").
const FOLLOW_NOTE = new RegExp(`\\bfollow (?:us|him|her|them|me) on ${SOCIAL}\\b`, 'i');
const COMMENT_NOTE = /\b(?:comments?|coment[aá]rios?)\b.{0,120}\bmodera|\bmodera\w* (?:all )?comments/i;

// A wire story's byline as one line: "Jane Roe, AP National Political Writer".
const WRITER_LINE = /^(?:[A-Z][\p{L}'’.-]+ ){1,3}[A-Z][\p{L}'’-]+, (?:[\p{L}]+ ){0,4}(?:writer|reporter|correspondent|editor|columnist)$/iu;
// Its ending, tested first (on the last 13 characters, the longest word's length: unanchored, the
// pattern is tried at every position), as the whole pattern backtracks over every line that is not one.
const WRITER_END = /(?:writer|reporter|correspondent|editor|columnist)$/iu;

// Dates as news pages print them next to the headline, and what a dateline holds besides them;
// months and weekdays in English and the other languages of Western Europe ("22 de janeiro",
// "sexta-feira", "02 Ago 2017", "3. Oktober").
const MONTH =
  '(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zà-ÿ]*|fev(?:ereiro)?|f[eé]vr?(?:ier)?|abr(?:il)?|avr(?:il)?|maio?|mag(?:gio)?|giu(?:gno)?|lug(?:lio)?|ago(?:sto)?|ao[uû]t|set(?:embro|tembre)?|out(?:ubro)?|ott(?:obre)?|okt(?:ober)?|dez(?:embro|ember)?|d[eé]c(?:embre)?|dic(?:iembre|embre)?|ene(?:ro)?|gen(?:naio)?|m[aä]rz|mei|agustus|desember)\\.?';
const DATE_IN_LINE = new RegExp(
  `\\b${MONTH} \\d|\\d\\.? (?:de )?(?:${MONTH})|\\d{4}\\s*[-./년]\\s*\\d\\d?\\s*[-./월]\\s*\\d|\\d/\\d\\d?/\\d\\d|\\b\\d\\d?\\.\\d\\d?\\.\\d{4}\\b|\\b(?:today|yesterday),? (?:at )?\\d\\d?:\\d\\d|\\d (?:minute|hour|day|week)s? ago`,
  'i',
);
const DATELINE_WORDS = new RegExp(
  `${MONTH}|[a-z]*day|[a-zà-ÿ]+-feira|s[aá]bado|domingo|[a-zè]+d[iì]|[a-z]+tag|lunes|martes|mi[eé]rcoles|jueves|viernes|samedi|dimanche|mittwoch|às?|first|last|published|updated|posted|modified|original|\\b(?:mon|tue|wed|thu|fri|sat|sun|on|at|by|de|del|le|alle|ore|um|uhr|[ap]\\.?m\\.?|[a-z]{0,2}t|utc|gmt|ago|minutes?|hours?|weeks?)\\b|\\d+(?:st|nd|rd|th)?|[기사입력최종수정등록승인업데이트]+|[-–—|/,.:;()[\\]\\s•·]+`,
  'gi',
);
// "By Jane Roe", "Posted by …", and a date before the name: "Posted on March 30, 2015 by Admin".
const BYLINE_LINE = /^(?:(?:written |posted |published |words )?(?:on [^|]{4,40}? )?by)\s+\S/i;

export interface PruneFindings {
  /** Byline lines taken out of the body ("By Jane Doe | November 18, 2019"). */
  bylines: string[];
  /** Dateline lines taken out of the body. */
  dates: string[];
}

const BLOCKS = 'p,div,li,h1,h2,h3,h4,h5,h6,figcaption,dt,dd,section,header,blockquote,address,figure,ul,ol,table';
const BLOCK_NAMES = new Set(BLOCKS.split(','));
// Inline elements are judged by their names and by credit labels only ("<b>More</b> than …" is prose).
const INLINE = new Set(['span', 'small', 'em', 'strong', 'b', 'i', 'a', 'time']);
const JUDGED = new Set([...BLOCK_NAMES, ...INLINE]);

function squash(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** What JavaScript's \s matches, as a character code. */
function isSpace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff;
}

/** Whether squash(text) is longer than `max`, told from what squashing keeps without making it (a paragraph is). */
function squashedLonger(text: string, max: number): boolean {
  let kept = 0;
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i)) && ++kept > max) return true;
  return false;
}

/**
 * The elements under root (not root) whose names are in `names`, in document order: what
 * querySelectorAll with a list of names finds, by one walk rather than a match of every
 * element against every name.
 */
function elementsNamed(root: Element, names: Set<string>): Element[] {
  const out: Element[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, 1);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (names.has((node as Element).localName)) out.push(node as Element);
  return out;
}

/** The length of each element's textContent (one walk, innermost first); returns root's. */
function textLengths(root: Element, out: Map<Element, number>): number {
  let length = 0;
  for (let node = root.firstChild; node; node = node.nextSibling) {
    const type = node.nodeType;
    if (type === 3 || type === 4) length += (node as CharacterData).length;
    else if (type === 1) length += textLengths(node as Element, out);
  }
  out.set(root, length);
  return length;
}

function isJunkName(el: Element): boolean {
  const cls = el.getAttribute('class');
  // Ids made from a heading ("sharing-with-a-single-developer") name the content, not a box.
  const id = el.id;
  return (!!cls && JUNK_TOKEN.test(cls)) || (!!id && id.split(/[-_]/).length <= 3 && JUNK_TOKEN.test(id));
}

/** A short line that is only a date with its labels: "Updated Nov. 19, 2019 8:21 am ET". */
export function isDateline(text: string): boolean {
  return text.length <= 120 && DATE_IN_LINE.test(text) && !text.replace(DATELINE_WORDS, '').trim();
}

/** Furniture by its text alone (the element's whole text, squashed). */
export function isFurnitureText(text: string): boolean {
  if (!text) return false;
  if (text.length <= 80 && FURNITURE_LINE.test(text)) return true;
  if (text.length > 300) return false;
  if (text.length <= 60 && (ROLE_LINE.test(text) || SOURCE_LINE.test(text))) return true;
  if (LINK_LINES.test(text) || SHORTCODE.test(text) || (text.length <= 200 && FILING_LINE.test(text))) return true;
  if (CONTACT.test(text) || AUTHOR_NOTE.test(text) || FOLLOW_NOTE.test(text)) return true;
  if (text.length <= 200 && (PROMO.test(text) || CALL_TO_ACTION.test(text) || COMMENT_NOTE.test(text))) return true;
  // A block that opens with © is usually the wire's own notice, part of the story as syndicated.
  return (CREDIT.test(text) && !/^[ⓒ©]/.test(text)) || FURNITURE_START.test(text);
}

const plain = (text: string | null) =>
  squash(text)
    .replace(/[.\s]+$/, '')
    .toLowerCase();

/**
 * A one-item list right after a figure without a caption, saying what its image's alt says,
 * is the figure's caption laid out as a bullet: put it back as the figcaption.
 */
function captionLists(root: Element): void {
  for (const list of Array.from(root.querySelectorAll('ul,ol'))) {
    const figure = list.previousElementSibling;
    const img = figure?.localName === 'figure' && !figure.querySelector('figcaption') ? figure.querySelector('img') : null;
    if (!figure || !img || list.children.length !== 1) continue;
    const text = plain(list.textContent);
    if (!text || text.length > 300) continue;
    const alt = new Set(plain(img.getAttribute('alt')).split(' '));
    const words = text.split(' ');
    if (words.filter((w) => alt.has(w)).length < 0.4 * words.length) continue;
    const caption = root.ownerDocument.createElement('figcaption');
    caption.textContent = squash(list.textContent);
    figure.append(caption);
    list.remove();
  }
}

/** The headline repeated among the first blocks of the body (not a later mention of it). */
function repeatedHeadline(all: Element[], headline: string, lengths: Map<Element, number>): Set<Element> {
  const found = new Set<Element>();
  let blocks = 0;
  for (const el of all) {
    if (blocks >= 12) break;
    if (INLINE.has(el.localName) || lengths.get(el)! > 3000) continue;
    const text = squash(el.textContent);
    if (!text || text.length > 300) continue;
    blocks++;
    if (text.toLowerCase() === headline) found.add(el);
  }
  return found;
}

/** The same caption twice (galleries repeat them): the first stays. */
function dropRepeats(root: Element): void {
  const seen = new Set<string>();
  // The blocks inside figures (each figure's own included), in document order: a figure inside another is walked with it.
  const inFigures: Element[] = [];
  for (const figure of Array.from(root.getElementsByTagName('figure'))) {
    if (figure.parentElement?.closest('figure')) continue;
    inFigures.push(figure, ...elementsNamed(figure, BLOCK_NAMES));
  }
  for (const el of inFigures) {
    if (el.querySelector(BLOCKS)) continue;
    const text = squash(el.textContent);
    if (text.length < 30 || text.length > 300) continue;
    if (seen.has(text)) el.remove();
    else seen.add(text);
  }
}

function linkShare(el: Element, text: string, anchors: ArrayLike<Element> = el.querySelectorAll('a')): number {
  let links = 0;
  for (let i = 0; i < anchors.length; i++) links += squash(anchors[i]!.textContent).length;
  return links / text.length;
}

function isLinkList(el: Element, text: string): boolean {
  return linkShare(el, text) >= 0.6;
}

/** A list whose every item holds a link, with a blurb beside it ("👁 The secret history of …; plus, the latest news"). */
function isListOfLinks(el: Element, text: string): boolean {
  if (el.localName !== 'ul' && el.localName !== 'ol') return false;
  const items = Array.from(el.children);
  return items.length >= 2 && items.every((li) => li.querySelector('a[href]')) && linkShare(el, text) >= 0.3;
}

/**
 * A list of the site's other stories by their headlines, wherever it stands ("15 Amazing Images of
 * Stars", "Keck Observatory: Twin Telescopes on Mauna Kea"): each item one link to another page of
 * the site and nothing else, every longer word of it capitalised.
 */
function isHeadlineList(el: Element, links: NodeListOf<HTMLAnchorElement>, site: string, address: string): boolean {
  if (el.localName !== 'ul' && el.localName !== 'ol') return false;
  const items = Array.from(el.children).filter((li) => squash(li.textContent));
  return (
    items.length >= 2 &&
    links.length === items.length &&
    items.every((li) => {
      const a = li.querySelector('a');
      const text = squash(li.textContent);
      const words = text.split(' ').filter((w) => w.length >= 4 && /^\p{L}/u.test(w));
      return (
        !!a &&
        squash(a.textContent) === text &&
        siteOf(a.href) === site &&
        a.href.replace(/[?#].*$/, '') !== address &&
        words.length >= 2 &&
        words.every((w) => /^\p{Lu}/u.test(w))
      );
    })
  );
}

const HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
const MEDIA = 'img,picture,video,iframe';

/** Whether nothing follows el in the article: no text, no image (the texts of the blocks after it are known by now). */
function endsArticle(el: Element, root: Element, known: Map<Element, string>): boolean {
  for (let n: Element | null = el; n && n !== root; n = n.parentElement)
    for (let after = n.nextSibling; after; after = after.nextSibling)
      if (
        (known.get(after as Element) ?? after.textContent ?? '').trim() ||
        (after.nodeType === 1 && ((after as Element).matches(MEDIA) || (after as Element).querySelector(MEDIA)))
      )
        return false;
  return true;
}

/** A caption laid out above its image is put after it, where a reader looks for it. */
function captionsAfterImages(root: Element): void {
  for (const caption of Array.from(root.querySelectorAll('figure > figcaption'))) {
    const figure = caption.parentElement!;
    const media = Array.from(figure.querySelectorAll('img,picture,video'));
    const last = media[media.length - 1];
    if (last && caption.compareDocumentPosition(last) & 4 /* FOLLOWING */) figure.append(caption);
  }
}

/** The site an address belongs to: its host cut to the registrable part ("news.example.co.uk" → "example.co.uk"). */
export function siteOf(href: string): string {
  const host = /^[a-z][\w+.-]*:\/\/([^/?#:]+)/i.exec(href)?.[1]?.toLowerCase() ?? '';
  const parts = host.split('.');
  const country = parts.length > 2 && parts[parts.length - 1]!.length === 2 && parts[parts.length - 2]!.length <= 3;
  return parts.slice(country ? -3 : -2).join('.');
}

/** The one link a block consists of, if it is nothing else. */
function soleLink(links: NodeListOf<HTMLAnchorElement>, text: string): HTMLAnchorElement | null {
  return links.length === 1 && squash(links[0]!.textContent) === text ? links[0]! : null;
}

/** The text of a block outside its links ("DON'T MISS" over a list of links). */
function textOutsideLinks(el: Element): string {
  let out = '';
  const walker = el.ownerDocument.createTreeWalker(el, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement?.closest('a')) out += (node as Text).data + ' ';
  return squash(out.replace(/\[[^\]]{0,20}\]|[,;|·•/]/g, ' '));
}

/** Teasers of other stories as the page lays them out: small <article>s whose heading links elsewhere. */
function teaserCards(root: Element, address: string, whole: number): void {
  for (const card of Array.from(root.querySelectorAll('article'))) {
    const size = (card.textContent ?? '').length;
    if (!root.contains(card) || size > 1000 || size >= 0.3 * whole) continue;
    const link = card.querySelector<HTMLAnchorElement>('h1 a[href],h2 a[href],h3 a[href],h4 a[href]');
    if (link && link.href.replace(/[?#].*$/, '') !== address) card.remove();
  }
}

/** Lists of links to the site's other pages that end the article ("15 Amazing Images of Stars"). */
function trailingLinks(root: Element, site: string, whole: number): void {
  let removed = 0;
  const blocks = elementsNamed(root, BLOCK_NAMES);
  for (let i = blocks.length - 1; i >= 0; i--) {
    const el = blocks[i]!;
    if (!root.contains(el)) continue;
    const text = squash(el.textContent);
    if (!text) {
      if (el.querySelector('img,picture,video,iframe')) return;
      continue;
    }
    const links = Array.from(el.querySelectorAll('a'));
    if (text.length > 300 || linkShare(el, text) < 0.8 || links.some((a) => siteOf(a.href) !== site)) return;
    removed += text.length;
    if (removed > 0.3 * whole) return;
    el.remove();
  }
}

/**
 * An element's textContent, built from its children's texts already known: the loop below
 * goes innermost first, so each child it reached is final by then, and each text is made
 * once (textContent on every block read each container's whole text again, level by level).
 */
function textOf(el: Element, known: Map<Element, string>): string {
  let out = '';
  for (let node = el.firstChild; node; node = node.nextSibling) {
    const type = node.nodeType;
    if (type === 3 || type === 4) out += (node as CharacterData).data;
    else if (type === 1) out += known.get(node as Element) ?? textOf(node as Element, known);
  }
  return out;
}

/**
 * Remove the furniture from Readability's content (classes still on it) and then the classes;
 * returns the byline and date lines it took out, for the header.
 */
export function pruneContent(root: Element, title: string | null, url: string): PruneFindings {
  const findings: PruneFindings = { bylines: [], dates: [] };
  for (const el of Array.from(root.querySelectorAll(JUNK_ATTR))) el.remove();
  captionLists(root);
  const address = url.replace(/[?#].*$/, '');
  const lengths = new Map<Element, number>();
  const whole = textLengths(root, lengths);
  // Innermost first: a container is judged on what is left of it once the furniture inside
  // it is gone ("<div><h2>Headline</h2><p>By …</p><span>Published …</span></div>").
  const all = elementsNamed(root, JUDGED);
  const early = repeatedHeadline(all, squash(title).toLowerCase(), lengths);
  const site = siteOf(url);
  teaserCards(root, address, whole);
  const known = new Map<Element, string>();
  const alts = Array.from(root.getElementsByTagName('img'), (img) => squash(img.getAttribute('alt'))).filter((alt) => alt.length >= 30);
  const captions = new Map<string, Element>();
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    if (!root.contains(el)) continue;
    const raw = textOf(el, known);
    known.set(el, raw);
    // A box named as furniture, unless it holds most of the article (a page-wide wrapper).
    if (isJunkName(el) && raw.length < 0.3 * whole) {
      el.remove();
      continue;
    }
    // Squashing is what costs: a container far longer than any furniture line is skipped before it,
    // and so is a paragraph that squashing would leave longer than one (it is not empty either).
    if (raw.length > 3000 || (raw.length > 300 && squashedLonger(raw, 300))) continue;
    const text = squash(raw);
    if (!text) {
      if (el.localName === 'figcaption') el.remove();
      continue;
    }
    if (text.length > 300) continue;
    if (INLINE.has(el.localName)) {
      if (text.length <= 80 && CREDIT.test(text)) el.remove();
      continue;
    }
    if (isFurnitureText(text) || text.replace(/[?#].*$/, '') === address) {
      // A "Related" or "Don't miss" heading takes the list of links under it along.
      const heading = text.length <= 40;
      let next = el.nextElementSibling;
      el.remove();
      while (heading && next) {
        const after = next.nextElementSibling;
        const t = squash(next.textContent);
        if (!t || t.length > 300 || !(isLinkList(next, t) || isListOfLinks(next, t))) break;
        next.remove();
        next = after;
      }
      continue;
    }
    if (early.has(el)) {
      el.remove();
      continue;
    }
    // A block of links under a furniture heading ("DON'T MISS<br><a>…</a> [INSIGHT]<br>…").
    const links = el.querySelectorAll('a');
    if (links.length && linkShare(el, text, links) >= 0.4 && FURNITURE_LINE.test(textOutsideLinks(el))) {
      el.remove();
      continue;
    }
    if (isHeadlineList(el, links, site, address)) {
      el.remove();
      continue;
    }
    // The site's name as a heading linking home, or the author's name linking to the author's page.
    const only = soleLink(links, text);
    if (only && siteOf(only.href) === site) {
      const path = only.href.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
      if ((path === '/' || path === '') && el.closest('h1,h2,h3,h4,h5,h6,header')) {
        el.remove();
        continue;
      }
      if (/\/(?:authors?|people|profiles?|staff|writers?|contributors?|reporters?)\//i.test(path) && text.length <= 60) {
        findings.bylines.unshift(text);
        el.remove();
        continue;
      }
    }
    if (KO_BYLINE_LINE.test(text)) {
      findings.bylines.unshift(text);
      el.remove();
      continue;
    }
    if (
      ((BYLINE_LINE.test(text) && text.length <= 120) || (WRITER_END.test(text.slice(-13)) && WRITER_LINE.test(text))) &&
      !/[.!?]["”’]?$/.test(text.replace(/\b(?:[ap]\.m|jr|sr|dr|st)\.$/i, ''))
    ) {
      findings.bylines.unshift(text.replace(/^(?:\w+ )?on .+? (by\s)/i, '$1'));
      if (DATE_IN_LINE.test(text)) findings.dates.unshift(text);
      el.remove();
      continue;
    }
    if (isDateline(text)) {
      // The whole of a date laid out in pieces ("<div>November 20</div><div>15:23 2019</div>").
      let date = el;
      let dateText = text;
      for (let up = el.parentElement; up && up !== root; up = up.parentElement) {
        const t = squash(up.textContent);
        if (!isDateline(t)) break;
        date = up;
        dateText = t;
      }
      findings.dates.unshift(dateText);
      date.remove();
      continue;
    }
    // A heading left with nothing under it: what it announced was furniture ("How to listen to the podcast", "Her favourite gear").
    if (HEADINGS.has(el.localName) && text.length <= 60 && endsArticle(el, root, known)) {
      el.remove();
      continue;
    }
    // An image's caption said again (galleries repeat it under every slide): the first stays.
    if (text.length >= 30 && alts.some((alt) => alt.startsWith(text))) {
      const later = captions.get(text);
      if (later && !el.contains(later)) later.remove();
      captions.set(text, el);
    }
    // A caption whose image is gone.
    if (el.localName === 'figcaption' && !(el.closest('figure') ?? el.parentElement?.parentElement ?? el.parentElement)?.querySelector('img,picture')) {
      el.remove();
    }
  }
  dropRepeats(root);
  trailingLinks(root, site, whole);
  captionsAfterImages(root);
  for (const el of Array.from(root.querySelectorAll('[class]'))) el.removeAttribute('class');
  return findings;
}
