import { describe, expect, it } from 'vitest';
import { alignSpringFestival, festivalJanuaryWeight, fitSpringFestival, restoreSpringFestival, SPRING_FESTIVAL_YEARS, springFestivalDate } from '../../../src/engine/forecast';

/**
 * Spring Festival (正月初一) 2000–2050, typed by hand from the Hong Kong Observatory's
 * Gregorian–Lunar Calendar Conversion Tables (www.hko.gov.hk/en/gts/time/conversion.htm) as the
 * standard published list; the page itself could not be consulted from the build machine, so the
 * list was checked against two independent programs: Debian's `lunar` 2.2 utility (`lunar -i Y 1 1`)
 * agrees for 2000–2049 (its table ends there), and ICU's Chinese calendar (Node's Intl, time zone
 * Asia/Shanghai) agrees for every year except 2027 and 2030, whose new moons fall within minutes of
 * Beijing midnight (2027-02-06 23:56 and 2030-02-03 00:07 CST), where ICU's approximate lunar
 * positions land on the wrong day.
 */
const PUBLISHED = `
2000-02-05 2001-01-24 2002-02-12 2003-02-01 2004-01-22 2005-02-09 2006-01-29 2007-02-18 2008-02-07 2009-01-26
2010-02-14 2011-02-03 2012-01-23 2013-02-10 2014-01-31 2015-02-19 2016-02-08 2017-01-28 2018-02-16 2019-02-05
2020-01-25 2021-02-12 2022-02-01 2023-01-22 2024-02-10 2025-01-29 2026-02-17 2027-02-06 2028-01-26 2029-02-13
2030-02-03 2031-01-23 2032-02-11 2033-01-31 2034-02-19 2035-02-08 2036-01-28 2037-02-15 2038-02-04 2039-01-24
2040-02-12 2041-02-01 2042-01-22 2043-02-10 2044-01-30 2045-02-17 2046-02-06 2047-01-26 2048-02-14 2049-02-02
2050-01-23`
  .trim()
  .split(/\s+/);

describe('Spring Festival dates', () => {
  it('match the published list for every year 2000–2050', () => {
    expect(PUBLISHED).toHaveLength(51);
    expect(SPRING_FESTIVAL_YEARS).toEqual({ first: 2000, last: 2050 });
    for (const iso of PUBLISHED) {
      const [y, m, d] = iso.split('-').map(Number);
      expect(springFestivalDate(y), iso).toEqual({ year: y, month: m, day: d });
    }
  });

  it('are unknown outside the table', () => {
    expect(springFestivalDate(1999)).toBeNull();
    expect(springFestivalDate(2051)).toBeNull();
    expect(springFestivalDate(2024.5)).toBeNull();
  });

  it('weigh January by how much of the festival season falls in it', () => {
    // 2004-01-22: the three weeks before are all in January, most of the holiday week too.
    expect(festivalJanuaryWeight(2004)).toBeCloseTo(1, 10);
    // 2015-02-19: the season starts on 29 January, so 3 of its 28 days fall in January.
    expect(festivalJanuaryWeight(2015)).toBeCloseTo(3 / 28, 10);
    expect(festivalJanuaryWeight(2015)!).toBeLessThan(festivalJanuaryWeight(2024)!);
  });
});

describe('Spring Festival alignment', () => {
  // Five years of a series whose January share follows the festival: 0.3 + 0.4·w, other months flat.
  const start = { year: 2014, month: 1 };
  const values: number[] = [];
  for (let year = 2014; year <= 2018; year++) {
    const share = 0.3 + 0.4 * festivalJanuaryWeight(year)!;
    for (let month = 1; month <= 12; month++) values.push(month === 1 ? 200 * share : month === 2 ? 200 * (1 - share) : 100);
  }

  it('recovers how the January share moves with the date', () => {
    const adj = fitSpringFestival(values, start);
    expect(adj.note.code).toBe('springFestival.fitted');
    expect(adj.years).toBe(5);
    expect(adj.slope).toBeCloseTo(0.4, 10);
    expect(adj.intercept).toBeCloseTo(0.3, 10);
  });

  it('makes every January alike, keeps each year’s January + February, and restores exactly', () => {
    const adj = fitSpringFestival(values, start);
    const aligned = alignSpringFestival(values, start, adj);
    const januaries = [0, 12, 24, 36, 48].map((i) => aligned[i]);
    for (const j of januaries) expect(j).toBeCloseTo(januaries[0], 9);
    for (const i of [0, 12, 24, 36, 48]) expect(aligned[i] + aligned[i + 1]).toBeCloseTo(values[i] + values[i + 1], 9);
    for (let i = 0; i < values.length; i++) if (i % 12 > 1) expect(aligned[i]).toBe(values[i]);
    const restored = restoreSpringFestival(aligned, start, adj);
    for (let i = 0; i < values.length; i++) expect(restored[i]).toBeCloseTo(values[i], 9);
  });

  it('moves nothing with the date when it has fewer than three years to learn from', () => {
    const adj = fitSpringFestival(values.slice(0, 24), start);
    expect(adj.note).toEqual({ code: 'springFestival.tooFewYears', params: { years: 2, needed: 3 } });
    expect(adj.slope).toBe(0);
  });
});
