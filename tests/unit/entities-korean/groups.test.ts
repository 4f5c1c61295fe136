import { describe, expect, it } from 'vitest';
import { groupsAsOrgs } from '../../../utils/entities/model/recognize';
import type { EntitySpan, EntityType } from '../../../utils/entities/types';

// Margin's convention for groups of performers (utils/entities/model/recognize.ts, groupsAsOrgs):
// KLUE types idol groups as people; Margin files them with organisations. Sentences and names written for this.
const spansOf = (text: string, names: [string, EntityType][]): EntitySpan[] => {
  let from = 0;
  return names.map(([name, type]) => {
    const start = text.indexOf(name, from);
    from = start + name.length;
    return { start, end: start + name.length, text: name, type };
  });
};

describe('groups as organisations', () => {
  it('retypes every mention of a name introduced as a group, the later ones too', () => {
    const text = "걸그룹 라온이 컴백했다. 아이돌 그룹 '새벽별'도 돌아왔다. 라온은 1위에 올랐다.";
    const out = groupsAsOrgs(
      text,
      spansOf(text, [
        ['라온', 'person'],
        ['새벽별', 'person'],
        ['라온', 'person'],
      ]),
    );
    expect(out.map((s) => `${s.text}:${s.type}`)).toEqual(['라온:org', '새벽별:org', '라온:org']);
  });

  it('leaves people alone: a member after the group, a chairman after a business group, a band member by name', () => {
    const text = 'SK그룹 최민호 회장과 걸그룹 라온 멤버 한가을이 만났다. 밴드 보컬 김도윤도 왔다.';
    const out = groupsAsOrgs(
      text,
      spansOf(text, [
        ['최민호', 'person'],
        ['라온', 'person'],
        ['한가을', 'person'],
        ['김도윤', 'person'],
      ]),
    );
    expect(out.map((s) => `${s.text}:${s.type}`)).toEqual(['최민호:person', '라온:org', '한가을:person', '김도윤:person']);
  });
});
