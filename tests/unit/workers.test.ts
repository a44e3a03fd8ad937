import { describe, expect, it } from 'vitest';
import { LatestRunner, STALE } from '../../src/workers/latest';
import { engineApi, resultBuffers } from '../../src/workers/engineApi';
import { generateSyntheticPlan } from '../../src/engine/synthetic';

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('latest request wins', () => {
  it('skips requests overtaken while waiting and marks overtaken results stale', async () => {
    const started: number[] = [];
    const gates = new Map<number, ReturnType<typeof deferred<number>>>();
    const runner = new LatestRunner<number, number>((n) => {
      started.push(n);
      const d = deferred<number>();
      gates.set(n, d);
      return d.promise;
    });
    const p1 = runner.submit(1);
    const p2 = runner.submit(2);
    const p3 = runner.submit(3);
    expect(await p2).toBe(STALE); // replaced while waiting: never run
    gates.get(1)!.resolve(10);
    expect(await p1).toBe(STALE); // finished after 3 was asked for
    await Promise.resolve();
    await Promise.resolve();
    gates.get(3)!.resolve(30);
    expect(await p3).toBe(30);
    expect(started).toEqual([1, 3]);
  });

  it('passes through a lone request and its error', async () => {
    const runner = new LatestRunner<number, number>(async (n) => {
      if (n < 0) throw new Error('negative');
      return n * 2;
    });
    expect(await runner.submit(4)).toBe(8);
    await expect(runner.submit(-1)).rejects.toThrow('negative');
  });
});

describe('engine api', () => {
  it('computes, validates and lists every buffer to transfer', () => {
    const plan = generateSyntheticPlan({ channels: 5, periods: 24, seed: 3 });
    plan.customMetrics = [{ id: 'm1', name: 'perOrder', formula: 'contribution / ordrs', format: 'money' }];
    const out = engineApi.compute(plan);
    expect(out.problems).toEqual([]);
    expect(out.customProblems.map((p) => p.code)).toEqual(['unknownName']);
    expect(out.result.flows.netRevenue.length).toBe(5 * 24);
    const buffers = resultBuffers(out.result);
    expect(new Set(buffers).size).toBe(buffers.length);
  });

  it('reports the problems of the custom metrics as they are after each patch of the kept plan', () => {
    const plan = generateSyntheticPlan({ channels: 3, periods: 12, seed: 5 });
    plan.customMetrics = [{ id: 'm1', name: 'perOrder', formula: 'contribution / ordrs', format: 'money' }];
    const codes = (out: { customProblems: { code: string }[] }): string[] => out.customProblems.map((p) => p.code);
    expect(codes(engineApi.computeKept({ version: 1, plan }))).toEqual(['unknownName']);
    // An edit elsewhere keeps the answer; the formula fixed clears it; a cycle brings a new one.
    expect(codes(engineApi.computeKept({ version: 2, base: 1, patch: [{ path: ['channels', 0, 'drivers', 'spend'], value: 1234500 }] }))).toEqual(['unknownName']);
    expect(codes(engineApi.computeKept({ version: 3, base: 2, patch: [{ path: ['customMetrics', 0, 'formula'], value: 'contribution / orders' }] }))).toEqual([]);
    expect(codes(engineApi.computeKept({ version: 4, base: 3, patch: [{ path: ['customMetrics', 0, 'formula'], value: 'perOrder * 2' }] }))).toEqual(['cycle']);
  });
});
