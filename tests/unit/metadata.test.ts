import { describe, expect, it } from 'vitest';
import { detectScriptLang, normalizeLangTag, resolveLang } from '../../utils/extract/lang';
import { bylineFromCandidates, bylineFromText, cleanByline, parseNewsDate, publishedFromCandidates, siteNameFromTitle } from '../../utils/extract/metadata';

describe('Korean bylines in the body', () => {
  it.each([
    ['[문화누리신문 윤지호 기자] 제30회 부산국제영화제가 17일 개막했다.', '윤지호 기자'],
    ['[서울=뉴스핌] 최헌규 중국전문기자= 1950년대 소련이 세계 최초', '최헌규 중국전문기자'],
    ['(서울=연합뉴스) 김민수 기자 = 정부는 오늘 발표했다.', '김민수 기자'],
    ['[뉴욕=한빛일보] 박지은 특파원 = 미국 증시가 올랐다.', '박지은 특파원'],
    ['[한빛경제 이서준 선임기자] 반도체 수출이 늘었다.', '이서준 선임기자'],
  ])('%s', (text, byline) => {
    expect(bylineFromText(text)).toBe(byline);
  });

  it('reads a closing signature when the opening has none', () => {
    expect(bylineFromText('본문 첫 문단.\n둘째 문단.\n윤지호 기자 jiho@munhwanuri.example')).toBe('윤지호 기자');
  });

  it('does not invent a byline from ordinary text', () => {
    expect(bylineFromText('정부는 17일 새 정책을 발표했다. 기자회견은 오후에 열렸다.')).toBeNull();
    expect(bylineFromText('[속보] 코스피 장 초반 강보합')).toBeNull();
  });
});

describe('byline candidates', () => {
  it('cleans e-mail addresses, prefixes and brackets', () => {
    expect(cleanByline('By Jane Doe')).toBe('Jane Doe');
    expect(cleanByline('  홍길동 기자 (hong@example.com) ')).toBe('홍길동 기자');
    expect(cleanByline('[윤지호 기자]')).toBe('윤지호 기자');
    expect(cleanByline('')).toBeNull();
    expect(cleanByline('x'.repeat(200))).toBeNull();
  });

  it('skips URLs and dates and takes the first credible name', () => {
    expect(bylineFromCandidates(['https://www.facebook.com/someone', '승인 2025.09.18 07:05', '윤지호 기자'])).toBe('윤지호 기자');
    expect(bylineFromCandidates([])).toBeNull();
  });
});

describe('news dates', () => {
  it.each([
    ['기사입력 : 2025년01월28일 23:21', '2025-01-28T23:21:00+09:00'],
    ['승인 2025.09.18 07:05', '2025-09-18T07:05:00+09:00'],
    ['입력 2025-01-28 23:21:05', '2025-01-28T23:21:05+09:00'],
    ['등록 2025/1/8 오후 3:07', '2025-01-08T15:07:00+09:00'],
    ['입력 2025.01.28 (화) 오전 12:30', '2025-01-28T00:30:00+09:00'],
    ['2025년 1월 28일', '2025-01-28'],
  ])('%s', (text, iso) => {
    expect(parseNewsDate(text, '+09:00')).toBe(iso);
  });

  it('rejects impossible dates', () => {
    expect(parseNewsDate('2025.13.40 25:99', '+09:00')).toBeNull();
    expect(parseNewsDate('조회수 3,512', '+09:00')).toBeNull();
  });

  it('prefers the publication date to the modification date, and <time datetime> to both', () => {
    const candidates = ['최종수정 : 2025년01월29일 10:25', '기사입력 : 2025년01월28일 23:21 최종수정 : 2025년01월29일 10:25'];
    expect(publishedFromCandidates(candidates, 'ko')).toBe('2025-01-28T23:21:00+09:00');
    expect(publishedFromCandidates(['2024-05-01T08:00:00Z', ...candidates], 'ko')).toBe('2024-05-01T08:00:00Z');
    // Without a Korean page, a zone-less time stays local rather than guessed.
    expect(publishedFromCandidates(['Published 2025.01.28 10:00'], 'en')).toBe('2025-01-28T10:00:00');
  });
});

describe('site names from titles', () => {
  it.each([
    ['딥시크에 숨은 비밀 - 뉴스핌', '딥시크에 숨은 비밀', '뉴스핌'],
    ['부산국제영화제 개막 : 문화누리신문', '부산국제영화제 개막', '문화누리신문'],
    ['Headline here | The Daily Example', 'Headline here', 'The Daily Example'],
  ])('%s', (title, article, site) => {
    expect(siteNameFromTitle(title, article)).toBe(site);
  });

  it('gives nothing when the title is only the headline', () => {
    expect(siteNameFromTitle('Headline here', 'Headline here')).toBeNull();
  });
});

describe('language', () => {
  it('normalises tags', () => {
    expect(normalizeLangTag('ko_KR')).toBe('ko-KR');
    expect(normalizeLangTag('EN-gb')).toBe('en-GB');
    expect(normalizeLangTag('')).toBeNull();
    expect(normalizeLangTag('12')).toBeNull();
  });

  it('detects CJK scripts and leaves Latin undecided', () => {
    expect(detectScriptLang('정부는 오늘 새로운 경제 정책을 발표했다. 전문가들은 긍정적으로 평가했다.')).toBe('ko');
    expect(detectScriptLang('今日は東京で新しい展示会が開かれました。多くの人が訪れました。')).toBe('ja');
    expect(detectScriptLang('今天北京举行了新的展览会，很多人参观了这个展览会。')).toBe('zh');
    expect(detectScriptLang('The council approved the new budget on Tuesday evening.')).toBeNull();
  });

  it('trusts the page unless its text plainly says otherwise', () => {
    const korean = '정부는 오늘 새로운 경제 정책을 발표했다. 전문가들은 긍정적으로 평가했다.';
    expect(resolveLang('ko-KR', korean)).toBe('ko-KR');
    expect(resolveLang('en', korean)).toBe('ko');
    expect(resolveLang(null, korean)).toBe('ko');
    expect(resolveLang('en-US', 'The council approved the new budget on Tuesday evening.')).toBe('en-US');
    expect(resolveLang('zh-CN', '今天北京举行了新的展览会，很多人参观了这个展览会。')).toBe('zh-CN');
  });
});
