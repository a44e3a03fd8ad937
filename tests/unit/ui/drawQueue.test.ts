import { describe, expect, it } from 'vitest';
import { cancelDraw, drawSoon, MIN_GAP_MS } from '../../../src/ui/charts/drawQueue';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('chart draw queue', () => {
  it('draws each chart in a task of its own, and only its newest option', async () => {
    const drawn: string[] = [];
    const a = {};
    const b = {};
    drawSoon(a, () => drawn.push('a1'));
    drawSoon(b, () => drawn.push('b1'));
    drawSoon(a, () => drawn.push('a2'));
    expect(drawn).toEqual([]);
    await sleep(20);
    expect(drawn).toEqual(['a2', 'b1']);
  });

  it('while options stream in, a chart draws at most once per gap, and always the last one', async () => {
    const drawn: { v: number; at: number }[] = [];
    const chart = {};
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) {
      drawSoon(chart, () => drawn.push({ v: i, at: performance.now() - t0 }));
      await sleep(10);
    }
    await sleep(MIN_GAP_MS * 2);
    expect(drawn[drawn.length - 1].v).toBe(19);
    expect(drawn.length).toBeLessThan(10);
    for (let i = 1; i < drawn.length; i++) expect(drawn[i].at - drawn[i - 1].at).toBeGreaterThanOrEqual(MIN_GAP_MS - 2);
  });

  it('a chart that goes away draws nothing more', async () => {
    const drawn: number[] = [];
    const chart = {};
    drawSoon(chart, () => drawn.push(1));
    await sleep(10);
    drawSoon(chart, () => drawn.push(2));
    cancelDraw(chart);
    await sleep(MIN_GAP_MS * 2);
    expect(drawn).toEqual([1]);
  });
});
