import { describe, expect, it } from 'vitest';
import { windowFromHtml } from '../../scripts/lib/dom';
import { detectLatinLang, resolveLang } from '../../utils/extract/lang';
import {
  belongsToHost,
  brandFromHost,
  cleanByline,
  cleanTitle,
  isSiteName,
  normalizeDate,
  publicationName,
  publishedFromCandidates,
} from '../../utils/extract/metadata';
import { isDateline, isFurnitureText, pruneContent, siteOf } from '../../utils/extract/prune';
import { extractArticle } from '../../utils/extract';

// Issue 12: the furniture mainstream sites leave inside their articles, and their metadata.

function prune(html: string, title = 'A headline of some length', url = 'https://news.example.com/a/1') {
  const win = windowFromHtml(`<div id="root">${html}</div>`, url);
  const root = win.document.getElementById('root')!;
  const found = pruneContent(root, title, url);
  return { root, found, text: (root.textContent ?? '').replace(/\s+/g, ' ').trim() };
}

const squashed = (html: string) => html.replace(/<[^>]+>/g, '').trim();
const PROSE = '<p>The council approved the new budget on Tuesday evening after a long debate about schools and roads.</p>';

describe('furniture inside the article', () => {
  it('knows furniture lines by their text, in English and Korean', () => {
    for (const line of [
      'Media playback is unsupported on your device',
      'Image copyright Getty Images',
      'Image caption Scooter Braun has managed Justin Bieber',
      'Media caption Who is Julian Assange?',
      'More Great WIRED Stories',
      'SUBSCRIBE',
      'Read More',
      'Order Reprints | Today’s Paper | Subscribe',
      'Image 1 of 9',
      'Photo: David Zalubowski, STF / Associated Press',
      '(Image credit: Blue Origin)',
      'Credit...Anna Moneymaker',
      "저작권자 ⓒ '대중문화컨텐츠 전문가그룹' 엔터미디어(www.entermedia.co.kr), 무단전재 및 재배포금지",
      'Copyright ⓒ Entermedia.co.kr. 무단전재 및 재배포 금지',
      '[사진=JTBC, 이매진아시아]',
      'ⓒ 뉴스핌 무단전재 & 재배포 금지',
    ])
      expect(isFurnitureText(line), line).toBe(true);
    for (const line of [
      'More than 100 protesters were killed, Amnesty said.',
      'Read the full report on the council website before Friday.',
      '사진을 공개한 것은 분명한 사생활 침해다.',
      'The photo was taken in 2007 by the spacecraft.',
    ])
      expect(isFurnitureText(line), line).toBe(false);
  });

  it('knows promotions, contact lines, author notes and share rows, and not prose that resembles them', () => {
    for (const line of [
      'READ MORE: Storm closes the harbour for a week',
      '[Related: Council votes on the budget]',
      'Related coverage from Money Matters:',
      'Sign Up: Stay on top of the news! Sign up for our Email Newsletters here.',
      'Write to Jane Roe at jane.roe@example.com',
      'Filed under: Politics |',
      'Additional reporting by John Doe',
      'The stories that matter, delivered to your inbox every weekday morning.',
      'GET THE EXAMPLE APP ON THE GO BY CLICKING HERE',
      'Need more? Subscribe to our sister magazine for the latest news!',
      'We may earn a commission if you buy something through links in this article.',
      'jane.roe@example.com',
      '@janeroe',
      'twitter.com/janeroe',
      'Jane Roe is a freelance writer living in Minneapolis',
      'Jan Q. Roe is the senior editor of Example Toys. Since joining in 2014 she has reviewed products.',
      '3 of 12',
      'Iklan',
      'Share Tweet Submit',
      'Facebook | Twitter | Email',
    ])
      expect(isFurnitureText(line), line).toBe(true);
    for (const line of [
      'Related to this, the mayor said the vote would wait.',
      'The council wrote to residents at the end of the month.',
      'Jane Roe is a teacher who lost her home in the fire.',
      'Email remains the main way the council talks to residents.',
      'The board said the newsletter had 10,000 readers in its first year.',
      'Three of the twelve members voted against it.',
    ])
      expect(isFurnitureText(line), line).toBe(false);
  });

  it('moves a wire byline line to the header', () => {
    const { found, text } = prune(`<p>Jane Roe, AP National Political Writer</p>${PROSE}`);
    expect(found.bylines).toEqual(['Jane Roe, AP National Political Writer']);
    expect(text).toBe(squashed(PROSE));
  });

  it('knows the site of an address', () => {
    expect(siteOf('https://news.example.co.uk/a/1')).toBe('example.co.uk');
    expect(siteOf('https://www.example.com/')).toBe('example.com');
    expect(siteOf('http://example.com.br:8080/x')).toBe('example.com.br');
    expect(siteOf('mailto:jane@example.com')).toBe('');
  });

  it('knows a dateline from a sentence with a date', () => {
    expect(isDateline('Published 4:00 am CST, Wednesday, November 20, 2019')).toBe(true);
    expect(isDateline('PUBLISHED: 10:48, Tue, Nov 19, 2019')).toBe(true);
    expect(isDateline('Nov. 20, 2019, 9:28 AM UTC')).toBe(true);
    expect(isDateline('Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET')).toBe(true);
    expect(isDateline('기사입력 2018.08.25 15:24')).toBe(true);
    expect(isDateline('The vote was held on Nov. 19, 2019 in the capital.')).toBe(false);
  });

  it('removes credit, promotion and screen-reader boxes by their names, and keeps the prose', () => {
    const { text } = prune(
      `<figure><img src="a.jpg"><span class="off-screen">Image copyright</span> <span class="story-image-copyright">Getty Images</span></figure>${PROSE}` +
        `<div class="newsletter-signup"><p>Get the best stories in your inbox</p></div>` +
        `<p>Under the weather.<span itemprop="copyrightHolder"><span>Credit</span><span>Kirsten Luce</span></span></p>`,
    );
    expect(text).toBe('The council approved the new budget on Tuesday evening after a long debate about schools and roads.Under the weather.');
  });

  it('keeps a figure caption with its image, drops one whose image is gone', () => {
    const { root } = prune(
      `<figure><img src="a.jpg"><figcaption>The harbour at dawn.</figcaption></figure>${PROSE}<figure><figcaption>Orphan caption</figcaption></figure>`,
    );
    expect(root.textContent).toContain('The harbour at dawn.');
    expect(root.textContent).not.toContain('Orphan caption');
  });

  it('takes a "Don’t miss" heading with the links under it, and a repeated headline', () => {
    const { text } = prune(
      `<h1>A headline of some length</h1>${PROSE}<h3>DON'T MISS</h3><p><a href="/x">China furious at Macron [INSIGHT]</a></p><p><a href="/y">Lakers vs Nets [VIDEO]</a></p>${PROSE}`,
    );
    expect(text).not.toMatch(/DON'T MISS|Macron|Lakers|A headline/);
    expect(text.match(/council approved/g)).toHaveLength(2);
  });

  it('moves in-body bylines and datelines to the header', () => {
    const { found, text } = prune(`<p>By Paul Takahashi</p><p>Monday, November 18, 2019</p>${PROSE}<p>By the end of the day, the council had approved it.</p>`);
    expect(found.bylines).toEqual(['By Paul Takahashi']);
    expect(found.dates).toEqual(['Monday, November 18, 2019']);
    expect(text).toContain('By the end of the day');
    expect(text).not.toContain('Takahashi');
  });

  it('judges a box on what is left of it once the headline and byline inside it are gone', () => {
    const { found, text } = prune(
      `<div><h2>A headline of some length</h2><p>By Jane Roe</p><span>Published <time>4:00 am CST, Wednesday, November 20, 2019</time></span></div>${PROSE}`,
    );
    expect(text).toBe(squashed(PROSE));
    expect(found.bylines).toEqual(['By Jane Roe']);
    expect(found.dates).toEqual(['Published 4:00 am CST, Wednesday, November 20, 2019']);
  });

  it('takes a date laid out in pieces away whole', () => {
    const { found, text } = prune(`<div><div>November 20</div>\n<div><font>15:23</font> <font>2019</font></div></div>${PROSE}`);
    expect(text).toBe(squashed(PROSE));
    expect(found.dates).toEqual(['November 20 15:23 2019']);
  });

  it('drops teaser cards of other stories, a block of links under a furniture heading, and the site name linking home', () => {
    const teaser = `<article><header><p>THE WEEK IN REVIEW</p><h2><a href="https://news.example.com/b/2">Another story entirely</a></h2></header><p>Its summary, a sentence or two long.</p></article>`;
    const { text } = prune(
      `<header><h2><a href="https://news.example.com/"><span>The Example. Home of the daily paper.</span></a></h2></header>${PROSE}` +
        `<p><strong>DON'T MISS</strong><br><a href="https://news.example.com/c/3">Storm closes the harbour</a> [INSIGHT]<br><a href="https://news.example.com/c/4">Mayor resigns</a> [VIDEO]</p>${PROSE}${PROSE}${teaser}`,
    );
    expect(text).toBe(squashed(PROSE + PROSE + PROSE));
    expect(prune(`${PROSE}<p><strong>Tags<br><a href="/t/a">budget</a>, <a href="/t/b">council</a>, <a href="/t/c">roads</a></strong></p>`).text).toBe(
      squashed(PROSE),
    );
  });

  it('keeps a page that is one short post under a linked headline', () => {
    const { text } = prune(
      `<article><h2><a href="https://blog.example.com/p/1">A short post</a></h2>${PROSE}</article>`,
      'A short post',
      'https://blog.example.com/p/1',
    );
    expect(text).toContain('council approved');
  });

  it('moves the author named by a link to their page to the header', () => {
    const { found, text } = prune(`${PROSE}<h3><a href="https://news.example.com/author/jroe/"><span>Jane Roe</span></a></h3>`);
    expect(found.bylines).toEqual(['Jane Roe']);
    expect(text).toBe(squashed(PROSE));
  });

  it('drops the list of links to the site’s other stories that ends an article, but not a list of sources elsewhere', () => {
    const related = `<ul><li><a href="https://www.example.com/a/9">Fifteen pictures of stars</a></li><li><a href="https://news.example.com/a/8">Facts about the galaxy</a></li></ul>`;
    const body = PROSE + PROSE + PROSE;
    expect(prune(`${body}${related}`, 'T', 'https://www.example.com/a/1').text).toBe(squashed(body));
    const sources = `<ul><li><a href="https://journal.example.org/x">The study in the journal</a></li><li><a href="https://agency.example.net/y">The agency's data</a></li></ul>`;
    expect(prune(`${body}${sources}`, 'T', 'https://www.example.com/a/1').text).toContain('The study in the journal');
    expect(
      prune(`${PROSE}${related}<p>The council meets again in March, when the budget will be final.</p>`, 'T', 'https://www.example.com/a/1').text,
    ).toContain('Fifteen pictures');
  });

  it('leaves no class attribute behind', () => {
    const { root } = prune(`<p class="story-body__introduction">Intro text of the story here.</p>${PROSE}`);
    expect(root.querySelector('[class]')).toBeNull();
  });

  it('keeps React text split by comments in one paragraph', () => {
    const body = Array.from({ length: 6 }, () => PROSE).join('');
    const win = windowFromHtml(
      `<html><head><title>T</title></head><body><article><h1>T</h1>${body}<p>Page A<!-- -->22 of the edition</p></article></body></html>`,
      'https://x.example.com/a',
    );
    const result = extractArticle(win.document, 'https://x.example.com/a');
    if (!result.ok) throw new Error(result.reason);
    expect(result.article.textContent).toContain('Page A22 of the edition');
  });

  it('keeps the address as given beside the normalised one (savedUrl), and none when they are the same', () => {
    const body = Array.from({ length: 6 }, () => PROSE).join('');
    const html = `<html><head><title>T</title></head><body><article><h1>T</h1>${body}</article></body></html>`;
    const given = 'https://x.example.com/a?utm_source=feed&id=2#comment-4';
    const result = extractArticle(windowFromHtml(html, given).document, given);
    if (!result.ok) throw new Error(result.reason);
    expect(result.article).toMatchObject({ url: 'https://x.example.com/a?id=2', savedUrl: given });
    const plain = extractArticle(windowFromHtml(html, 'https://x.example.com/a').document, 'https://x.example.com/a');
    if (!plain.ok) throw new Error(plain.reason);
    expect(plain.article).not.toHaveProperty('savedUrl');
  });
});

// Issue 22, item 5: leftovers seen on corpus pages, each as a general rule on its own snippet.
describe('calls to action, role lines, Korean byline blocks, link lists and captions', () => {
  it('knows follow / listen / subscribe lines, and not prose that starts the same way', () => {
    for (const line of [
      'Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.',
      'Follow The Daily Example on Twitter',
      'Listen to Newsbeat live at 12:45 and 17:45 weekdays - or listen back here.',
      'Listen to the Example Hour podcast',
      'Subscribe to WIRED and stay smart with more of your favorite writers.',
    ])
      expect(isFurnitureText(line), line).toBe(true);
    for (const line of [
      'Follow the money, the prosecutor told the jury, and you will find the motive.',
      'Listen to what the residents are telling you, the mayor said.',
      'Subscribers to the service were told about the change by email on Monday, a week before it took effect.',
    ])
      expect(isFurnitureText(line), line).toBe(false);
  });

  it('drops a line that is only the author’s role, and keeps a sentence about a columnist', () => {
    for (const line of ['Opinion Columnist', 'Contributing Writer', 'Senior Correspondent', 'Staff Writers']) expect(isFurnitureText(line), line).toBe(true);
    expect(isFurnitureText('The columnist wrote about it twice.')).toBe(false);
    expect(prune(`<p>A deck under the headline of this opinion piece.</p><p>Opinion Columnist</p>${PROSE}`).text).not.toContain('Columnist');
  });

  it('moves a Korean byline block to the header, and keeps a sentence that names a reporter', () => {
    const { found, text } = prune(`<ul><li><span>김서연 기자</span></li></ul>${PROSE}<p>김서연 기자가 현장에서 전했다.</p>`);
    expect(found.bylines).toEqual(['김서연 기자']);
    expect(text).toBe(`${squashed(PROSE)}김서연 기자가 현장에서 전했다.`);
  });

  it('takes the list of links under a "More … Stories" heading along, blurbs and all', () => {
    const list =
      '<h3>More Great Example Stories</h3><ul><li>👁 <a href="/a">The secret history of the ferry</a>; plus, the latest news on boats</li><li><a href="/b">How to lock down your data</a></li><li>🎧 Things not sounding right? Check out our favorite <a href="/c">wireless headphones</a></li></ul>';
    expect(prune(`${PROSE}${list}`, 'T', 'https://www.example.com/a/1').text).toBe(squashed(PROSE));
    // A list of prose under a plain heading stays.
    expect(
      prune(`${PROSE}<h3>What happens next</h3><ul><li>The council will meet again in March.</li><li>The budget grows by 3 percent.</li></ul>`).text,
    ).toContain('meet again in March');
  });

  it('puts a caption laid out above its photo after it', () => {
    const { root } = prune(`${PROSE}<figure><div></div><figcaption>Workers at the centre.</figcaption><img src="https://news.example.com/a.jpg"></figure>`);
    const figure = root.querySelector('figure')!;
    expect(figure.lastElementChild!.localName).toBe('figcaption');
    expect(figure.querySelector('img')!.compareDocumentPosition(figure.querySelector('figcaption')!) & 4).toBe(4);
  });

  it('drops a byline that only names the publication, and the separators around a byline', () => {
    expect(isSiteName('BBC News', 'BBC News', 'https://www.bbc.com/news/x')).toBe(true);
    expect(isSiteName('RT', null, 'https://www.rt.com/news/x/')).toBe(true);
    expect(isSiteName('Al-Bawaba', 'Al Bawaba', 'https://www.albawaba.com/news/x')).toBe(true);
    expect(isSiteName('Jane Roe', 'BBC News', 'https://www.bbc.com/news/x')).toBe(false);
    expect(cleanByline('• 김서연 기자')).toBe('김서연 기자');
    expect(cleanByline('Jane Roe ·')).toBe('Jane Roe');
    const body = Array.from({ length: 6 }, () => PROSE).join('');
    const html = `<html><head><title>Headline - BBC News</title><meta property="og:site_name" content="BBC News"><meta name="author" content="BBC News"></head><body><article><h1>Headline</h1>${body}</article></body></html>`;
    const result = extractArticle(windowFromHtml(html, 'https://www.bbc.com/news/x-1').document, 'https://www.bbc.com/news/x-1');
    if (!result.ok) throw new Error(result.reason);
    expect(result.article.siteName).toBe('BBC News');
    expect(result.article.byline).toBeNull();
  });
});

describe('metadata of mainstream sites', () => {
  it('reads dates as pages give them, and drops implausible ones', () => {
    expect(normalizeDate('2019-11-19T02:34:30Z')).toBe('2019-11-19T02:34:30Z');
    expect(normalizeDate('2019-11-19 02:24:00')).toBe('2019-11-19T02:24:00');
    expect(normalizeDate('0001-01-01T00:00:00Z')).toBeNull();
    expect(normalizeDate('19 Nov 2019 07:09 GMT')).toBe('2019-11-19T07:09:00Z');
    expect(normalizeDate('November 19, 2019, 07:47 PM EST')).toBe('2019-11-19T19:47:00');
    expect(publishedFromCandidates(['기사입력 :[ 2018-08-25 15:24 ]'], 'ko')).toBe('2018-08-25T15:24:00+09:00');
    expect(publishedFromCandidates(['0001-01-01T00:00:00Z', 'Monday, November 18th, 2019 at 11:08 a.m.'], 'en')).toBe('2019-11-18T11:08:00');
  });

  it('cleans bylines of dates and desks', () => {
    expect(cleanByline('Jeff FoustMonday, November 18, 2019')).toBe('Jeff Foust');
    expect(cleanByline('Lucas Nolan22 Dec 2016651')).toBe('Lucas Nolan');
    expect(cleanByline('By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m.')).toBe('Matthew Digby, Minh Do');
    expect(cleanByline('Amy Kuperinsky | NJ Advance Media for NJ.com')).toBe('Amy Kuperinsky');
    expect(cleanByline('admin - 2018-09-16')).toBeNull();
    expect(cleanByline('By')).toBeNull();
    expect(cleanByline('Last Updated: January 7, 2025')).toBeNull();
    expect(cleanByline('윤지호 기자')).toBe('윤지호 기자');
  });

  it('names the publication, not a handle, an address, a platform or a section', () => {
    const url = 'https://www.politifact.com/west-virginia/statements/2019/nov/18/x/';
    expect(publicationName(['@politifact'], 'What is the value of drugs? | PolitiFact', 'What is the value of drugs?', url)).toBe('PolitiFact');
    expect(publicationName(['https://www.example-news.com'], 'Headline', 'Headline', 'https://www.example-news.com/a')).toBe('Example-news');
    expect(publicationName(['Blogger'], 'Headline', 'Headline', 'https://www.linknaija.com/a')).toBe('Linknaija');
    expect(publicationName(['Autoracing | F1 | Indy | MotoGP'], 'x', 'x', 'http://www.autoracing.com.br/a')).toBe('Autoracing');
    expect(publicationName([null], 'Trade war - U.S.', 'Trade war', 'https://www.nytimes.com/2019/a.html')).toBe('Nytimes');
    expect(publicationName(['CNN'], 'x', 'x', 'https://www.cnn.com/a')).toBe('CNN');
    expect(publicationName([null], '기사 제목 - 뉴스핌', '기사 제목', 'https://www.newspim.com/news/view/1')).toBe('뉴스핌');
    expect(belongsToHost('Houston Chronicle', 'chron')).toBe(true);
    expect(belongsToHost('U.S.', 'nytimes')).toBe(false);
    expect(brandFromHost('https://news.bbc.co.uk/a', '')).toBe('BBC');
  });

  it('names a page served from an IP address by its host as written, never by one of its numbers', () => {
    expect(publicationName([null], 'Headline', 'Headline', 'http://127.0.0.1:8080/story.html')).toBe('127.0.0.1:8080');
    expect(publicationName([null], 'Headline', 'Headline', 'http://192.168.0.10/a')).toBe('192.168.0.10');
    expect(publicationName([null], 'Headline', 'Headline', 'http://[::1]:3000/a')).toBe('[::1]:3000');
    // A name the page gives is still preferred.
    expect(publicationName(['누리경제신문'], 'x', 'x', 'http://127.0.0.1:8080/a')).toBe('누리경제신문');
    expect(publicationName([null], '기사 제목 - 누리경제신문', '기사 제목', 'http://127.0.0.1:8080/a')).toBe('누리경제신문');
    expect(brandFromHost('http://localhost:8080/a', '')).toBe('Localhost');
  });

  it('takes section, author and site parts off headlines', () => {
    expect(cleanTitle('The Guardian view on Hong Kong: a city on the brink | Editorial', 'the Guardian', 'Editorial')).toBe(
      'The Guardian view on Hong Kong: a city on the brink',
    );
    expect(cleanTitle('New Zealand farmers fear for their land | Eleanor Ainge Roy', 'the Guardian', 'Eleanor Ainge Roy')).toBe(
      'New Zealand farmers fear for their land',
    );
    expect(cleanTitle('Opinion | Republicans Are Following Trump to Nowhere', 'NYTimes', null)).toBe('Republicans Are Following Trump to Nowhere');
    expect(cleanTitle('Headline here | The Daily Example', 'The Daily Example', null)).toBe('Headline here');
    expect(cleanTitle('Milan Design Week 2018 | Anastassiades light installation for FLOS', 'Inexhibit', null)).toBe(
      'Milan Design Week 2018 | Anastassiades light installation for FLOS',
    );
  });

  it('always gives a language: Latin-script text by its frequent words', () => {
    const english =
      'The council approved the new budget on Tuesday and the mayor said that it was a good day for the city and for the people of the region. '.repeat(3);
    const portuguese =
      'O conselho aprovou o novo orçamento na terça e o prefeito disse que não era para os cidadãos da cidade uma surpresa com os números das contas. '.repeat(
        3,
      );
    expect(detectLatinLang(english)).toBe('en');
    expect(detectLatinLang(portuguese)).toBe('pt');
    expect(resolveLang(null, english)).toBe('en');
    expect(resolveLang('en-GB', english)).toBe('en-GB');
  });
});

describe('more general leftovers (issue 22 item 5, second pass)', () => {
  it('knows a dateline written day.month.year, or today/yesterday with a time', () => {
    for (const line of ['19.11.2019, 08:57', 'Today 12:01 AM', 'Yesterday, 9:15 pm', 'Updated 3.2.2020']) expect(isDateline(line), line).toBe(true);
    for (const line of ['Version 2.1.2019 fixes the bug.', 'Today 12 people were hurt']) expect(isDateline(line), line).toBe(false);
    expect(prune(`<p>19.11.2019, 08:57</p>${PROSE}`).found.dates).toEqual(['19.11.2019, 08:57']);
  });

  it('knows a dateline in Portuguese, Spanish, Italian, French or German, and not a line that only starts like a month', () => {
    for (const line of [
      'sexta-feira, 22 de outubro de 2010 às 20:13',
      '02 Ago 2017',
      'martes, 3 de diciembre de 2019',
      'mardi 3 décembre 2019',
      'Montag, 3. Oktober 2019',
    ])
      expect(isDateline(line), line).toBe(true);
    for (const line of ['Outlook 2020', 'Setup 2', 'A 22 de outubro o conselho votou o orçamento.']) expect(isDateline(line), line).toBe(false);
  });

  it('knows source lines, labelled addresses, inbox promotions and calls to follow the coverage, and not prose like them', () => {
    for (const line of [
      'SOURCE: News agencies',
      'Via SyndiGate.info',
      'Listen: http://example.com/ep15 Download: http://example.com/ep15.mp3',
      'Let our news meet your inbox. The news and stories that matter, delivered weekday mornings.',
      "Follow AP's full coverage of the election at https://apnews.com/Elections",
    ])
      expect(isFurnitureText(line), line).toBe(true);
    for (const line of [
      'Sources said the vote would wait until March.',
      'Via Appia was the first road the Romans paved.',
      'The report is at http://example.com/report and runs to 300 pages.',
      'Follow the money, the inspector said.',
      'Read the full report on the council website before Friday.',
    ])
      expect(isFurnitureText(line), line).toBe(false);
  });

  it('drops a list of the site’s other stories by their headlines wherever it stands, and keeps a list of links in prose', () => {
    const url = 'https://www.example.com/a/1';
    const headlines = `<ul><li><a href="https://www.example.com/a/9">15 Amazing Images of Stars</a></li><li></li><li><a href="https://www.example.com/a/8">Keck Observatory: Twin Telescopes on Mauna Kea</a></li></ul>`;
    const after = '<p>Originally published on Example Science.</p>';
    expect(prune(`${PROSE}${headlines}${after}`, 'T', url).text).toBe(squashed(PROSE + after));
    for (const list of [
      `<ul><li><a href="https://www.example.com/a/9">Fifteen pictures of stars</a></li><li><a href="https://www.example.com/a/8">Facts about the galaxy</a></li></ul>`,
      `<ul><li><a href="https://other.example.org/x">The Study In The Journal</a></li><li><a href="https://other.example.org/y">The Agency Data Release</a></li></ul>`,
      `<ul><li><a href="https://www.example.com/a/9">Fifteen Amazing Images</a> of stars, with notes</li><li><a href="https://www.example.com/a/8">Galaxy Facts</a></li></ul>`,
    ])
      expect(prune(`${PROSE}${list}${after}`, 'T', url).text).not.toBe(squashed(PROSE + after));
  });

  it('knows author notes with a capitalised role or an address in brackets, follow-me notes, comment rules and newsletter or membership pitches', () => {
    for (const line of [
      'Jan Roe is the Senior Editor of Example Toys. Since joining in 2014 she has reviewed products.',
      'Jeff Roe (jeff@example.com) is the editor and publisher of The Example Review.',
      'Her book about the search for alien life, "Out There", is out now. Follow her on Twitter @janeroe.',
      'Note: we are temporarily moderating all comments submitted to deal with a surge in spam.',
      'ATENÇÃO: Comentários com textos ofensivos não serão aprovados pelo moderador.',
      'Every day we send an email with the top stories from Example.',
      'If you enjoyed this article, we have a proposition for you: join our members.',
    ])
      expect(isFurnitureText(line), line).toBe(true);
    for (const line of [
      'Jane Roe is the Senior Vice President of the bank, which lost money.',
      'Police asked residents to follow the advice on the radio.',
      'The moderator read out the comments from the audience before the vote closed.',
      'If you enjoyed the film, the sequel is worse.',
    ])
      expect(isFurnitureText(line), line).toBe(false);
  });

  it('knows filing lines, unrendered shortcodes, "read also:" lines and view counts, and not prose like them', () => {
    for (const line of [
      '05/10/2018 - Publicado por: Jane Roe - Categoria: Saúde - Tags: saúde hospital',
      'Posted by Jane Roe | Category: Health',
      '[button link="https://example.com/submit/" type="big"] Send us your review[/button]',
      '(Leggi anche su: Il consiglio approva il bilancio –FOTO)',
      'Read also: The council approves the budget',
      '2.289 letture',
      '12,400 views',
    ])
      expect(isFurnitureText(line), line).toBe(true);
    for (const line of [
      'The award has three categories: fiction, poetry and history.',
      'Leggi anche',
      '[Laughter] The mayor did not answer.',
      'Read also the report the council published in March.',
      '2,289 readers answered the survey.',
    ])
      expect(isFurnitureText(line), line).toBe(false);
    expect(prune(`<div><p><span>2.289</span></p><p><span>letture</span></p></div>${PROSE}`).text).toBe(squashed(PROSE));
  });

  it('drops a heading left with nothing under it, and keeps one over text or a photo', () => {
    expect(prune(`${PROSE}<h4>How to listen to the podcast</h4><p>Listen: http://example.com/ep15</p>`).text).toBe(squashed(PROSE));
    expect(prune(`${PROSE}<div><h3><span>Her favourite gear</span></h3></div><div></div>`).text).toBe(squashed(PROSE));
    expect(prune(`${PROSE}<div><h3>The vote</h3></div><div>${PROSE}</div>`).text).toContain('The vote');
    expect(prune(`${PROSE}<h3>The harbour</h3><figure><img src="a.jpg"></figure>`).text).toContain('The harbour');
  });

  it('keeps an image’s caption once when a gallery says it again, and keeps a repeated line that is no caption', () => {
    const caption = 'A long row of unsold sports-utility vehicles sits at a dealership in Littleton, Colo.';
    const gallery = `<ul><li><div><img src="a.jpg" alt="${caption} Photo: Jane Roe / Example"></div><div><p>${caption}</p></div><div><p>${caption}</p></div></li></ul><div><p>${caption}</p></div>`;
    const { text } = prune(`${gallery}${PROSE}`);
    expect(text.split('Littleton').length - 1).toBe(1);
    expect(text).toContain('council approved');
    const refrain = '<p>Portion containers: one green, one red, one yellow, two teaspoons.</p>';
    expect(prune(`${refrain}${PROSE}${refrain}`).text.split('Portion containers').length - 1).toBe(2);
  });

  it('moves "Posted on <date> by <name>" to the header, and keeps a sentence that starts so', () => {
    const { found, text } = prune(`<p>Posted on <span>March 30, 2015</span> by Admin</p>${PROSE}`);
    expect(found.bylines).toEqual(['by Admin']);
    expect(found.dates).toEqual(['Posted on March 30, 2015 by Admin']);
    expect(text).toBe(squashed(PROSE));
    expect(prune(`<p>Posted on March 30, the notice was signed by the mayor.</p>${PROSE}`).text).toContain('signed by the mayor');
  });
});
