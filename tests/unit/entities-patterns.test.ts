import { describe, expect, it } from 'vitest';
import { findPatterns } from '../../utils/entities/patterns';
import { mergeSpans } from '../../utils/entities/merge';

/** The merged pattern spans of a text, as "text:type". */
const found = (text: string) => mergeSpans(findPatterns(text)).map((s) => `${s.text}:${s.type}`);

describe('English percentages', () => {
  it.each([
    ['Shares closed 3.38% higher on the day.', '3.38%'],
    ['Inflation eased to 5 percent in spring.', '5 percent'],
    ['Rates rose 5.5 per cent, the bank said.', '5.5 per cent'],
    ['Turnout fell by 12 pct overall.', '12 pct'],
    ['Prices dropped 10-20% across the region.', '10-20%'],
    ['Growth of 2 to 3 percent is expected.', '2 to 3 percent'],
  ])('%s → %s', (text, expected) => {
    expect(found(text)).toEqual([`${expected}:percent`]);
  });

  it('gives the exact offsets of a percentage', () => {
    const text = 'Output rose 3.38% last quarter.';
    const [span] = findPatterns(text).filter((s) => s.type === 'percent');
    expect(span).toMatchObject({ start: 12, end: 17, text: '3.38%' });
  });
});

describe('English money', () => {
  it.each([
    ['The firm raised $1.2 billion from investors.', '$1.2 billion'],
    ['A contract worth NT$60 million was signed.', 'NT$60 million'],
    ['Tickets cost US$5 each.', 'US$5'],
    ['It won a €3m grant.', '€3m'],
    ['She paid £40,000 for the boat.', '£40,000'],
    ['The city spent HK$3 billion on the bridge.', 'HK$3 billion'],
    ['Exports reached 50 million dollars.', '50 million dollars'],
    ['The deal was valued at 50 million won.', '50 million won'],
    ['The loan came to 50 million yuan.', '50 million yuan'],
    ['Reserves of 50 million US dollars were set aside.', '50 million US dollars'],
    ['A fine of 5 million USD was imposed.', '5 million USD'],
    ['Analysts expect $5-10 million in sales.', '$5-10 million'],
  ])('%s → %s', (text, expected) => {
    expect(found(text)).toEqual([`${expected}:money`]);
  });

  it('keeps NT$ in one span with its amount', () => {
    const text = 'The plant cost NT$60 million to build.';
    const money = findPatterns(text).filter((s) => s.type === 'money');
    expect(money).toEqual([{ start: 15, end: 28, text: 'NT$60 million', type: 'money' }]);
  });

  it('reads "$24 to $28" as two amounts, each with its sign', () => {
    expect(found('Fillets sell for $24 to $28 a pound.')).toEqual(['$24:money', '$28:money']);
  });
});

describe('Korean money', () => {
  it.each([
    ['보증금 2천만원을 돌려받지 못했다.', '2천만원'],
    ['피해액은 84억2천만원에 이른다.', '84억2천만원'],
    ['회사는 4억여원을 횡령했다.', '4억여원'],
    ['정부는 3조5000억원을 투입한다.', '3조5000억원'],
    ['계약금은 1만2천 달러였다.', '1만2천 달러'],
    ['예산은 1억 3800만 위안이다.', '1억 3800만 위안'],
    ['비용은 수천만원에 달했다.', '수천만원'],
    ['연봉은 1억~2억원 수준이다.', '1억~2억원'],
    ['가격은 1억원~2억원 사이다.', '1억원~2억원'],
  ])('%s → %s', (text, expected) => {
    expect(found(text)).toEqual([`${expected}:money`]);
  });

  it('leaves words that start with 원 alone (3원칙, 원장)', () => {
    expect(found('그는 3원칙을 세웠다. 10원장 같은 말은 없다.')).toEqual([]);
  });

  it('gives the offsets of a Korean amount without its particle', () => {
    const text = '그는 84억2천만원을 받았다.';
    expect(findPatterns(text).filter((s) => s.type === 'money')).toEqual([{ start: 3, end: 10, text: '84억2천만원', type: 'money' }]);
  });
});

describe('Korean percentages and ranges', () => {
  it.each([
    ['금리는 7~10% 오를 전망이다.', '7~10%'],
    ['지지율은 3∼5% 떨어졌다.', '3∼5%'],
    ['수익률은 10-20% 범위다.', '10-20%'],
    ['응답자의 30~40퍼센트가 찬성했다.', '30~40퍼센트'],
    ['할인율은 7%~10%였다.', '7%~10%'],
    ['점유율이 5프로 늘었다.', '5프로'],
    ['물가가 2.5퍼센트 올랐다.', '2.5퍼센트'],
    ['금리를 0.25%포인트 올렸다.', '0.25%포인트'],
  ])('%s → %s', (text, expected) => {
    expect(found(text)).toEqual([`${expected}:percent`]);
  });

  it('makes a range one span from its first number to its unit', () => {
    const text = '인상률은 7~10%로 정해졌다.';
    expect(findPatterns(text).filter((s) => s.type === 'percent')).toEqual([{ start: 5, end: 10, text: '7~10%', type: 'percent' }]);
  });

  it('does not read 프로 in other words as a percentage', () => {
    expect(found('그는 2 프로그램을 만들었고 3프로야구 팀을 봤다.')).toEqual([]);
  });
});
