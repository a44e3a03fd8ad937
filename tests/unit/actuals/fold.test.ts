import { describe, expect, it } from 'vitest';
import { foldName } from '../../../src/engine/actuals/fold';
import { SIMPLIFIED, TRADITIONAL } from '../../../src/engine/actuals/hanziFold';
import { matchNames, mergeMappings } from '../../../src/engine/actuals/names';

describe('foldName', () => {
  it('folds traditional to simplified, width, case and spaces', () => {
    expect(foldName('直營門市')).toBe(foldName('直营门市'));
    expect(foldName('經銷商')).toBe('经销商');
    expect(foldName('社區團購')).toBe('社区团购');
    expect(foldName('ＪＤ 京東')).toBe('jd京东');
    expect(foldName(' Tmall\u3000旗艦店 ')).toBe('tmall旗舰店');
    expect(foldName('直播帶貨')).toBe('直播带货');
  });

  it('keeps only characters that differ, one for one', () => {
    expect([...TRADITIONAL].length).toBe([...SIMPLIFIED].length);
    const from = [...TRADITIONAL];
    const to = [...SIMPLIFIED];
    expect(from.every((c, i) => c !== to[i])).toBe(true);
    expect(new Set(from).size).toBe(from.length);
  });
});

describe('matchNames', () => {
  const channels = [
    { id: 'a', name: '直营门店' },
    { id: 'b', name: '天猫旗舰店' },
    { id: 'c', name: 'JD' },
  ];

  it('matches by saved mapping first, then folded names, and leaves the rest undecided', () => {
    const out = matchNames(['直營門店', 'ｊｄ', '天猫', '抖音'], channels, [{ name: '天貓', targetId: 'b' }, { name: '抖音', targetId: '' }]);
    expect(out).toEqual([
      { name: '直營門店', targetId: 'a', by: 'name' },
      { name: 'ｊｄ', targetId: 'c', by: 'name' },
      { name: '天猫', targetId: 'b', by: 'saved' },
      { name: '抖音', targetId: '', by: 'saved' },
    ]);
    expect(matchNames(['快手'], channels, [])).toEqual([{ name: '快手', targetId: null, by: null }]);
  });

  it('ignores a saved target the plan no longer has, and never picks between two plan channels folding alike', () => {
    expect(matchNames(['x'], channels, [{ name: 'x', targetId: 'gone' }])[0].targetId).toBeNull();
    expect(matchNames(['門店'], [{ id: 'p', name: '门店' }, { id: 'q', name: '門店' }], [])[0].targetId).toBeNull();
  });

  it('merges mappings, the newer decision winning by folded name', () => {
    expect(mergeMappings([{ name: '天貓', targetId: 'b' }, { name: 'x', targetId: 'a' }], [{ name: '天猫', targetId: '' }])).toEqual([{ name: 'x', targetId: 'a' }, { name: '天猫', targetId: '' }]);
  });
});
