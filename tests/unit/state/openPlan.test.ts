import { describe, expect, it } from 'vitest';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';
import { AppState } from '../../../src/state/app.svelte';
import { engineApi } from '../../../src/workers/engineApi';
import type { EngineClient } from '../../../src/workers/engineClient';

/** The real engine, called in-process instead of through its worker. */
const engine = { compute: async (plan: Plan, id: string | null) => engineApi.compute(plan, id), dispose() {} } as unknown as EngineClient;

async function appWith(...plans: Plan[]): Promise<AppState> {
  const app = new AppState();
  app.engine.dispose();
  app.engine = engine;
  await app.init();
  for (const p of plans) await app.repo!.create(p);
  return app;
}

const plan = (id: string): Plan => ({ ...generateSyntheticPlan({ channels: 3, periods: 6, seed: id.length }), id, name: id });

describe('opening a plan', () => {
  it('asked twice before it has loaded (the route, then the hash change), opens one session: an edit made on it is the one shown and stored', async () => {
    const app = await appWith(plan('twice'));
    const first = app.openPlan('twice');
    const second = app.openPlan('twice');
    await first;
    const opened = app.session!;
    expect(opened.plan.id).toBe('twice');
    opened.edit('spend', [{ path: ['channels', 0, 'drivers', 'spend', 'base'], value: 123_456_00 }]);
    await second;
    expect(app.session).toBe(opened);
    await opened.flush();
    expect((await app.repo!.load('twice'))!.plan.channels[0].drivers.spend.base).toBe(123_456_00);
    expect(app.session!.plan.channels[0].drivers.spend.base).toBe(123_456_00);
  });

  it('a plan left for another (or for the home screen) before it has loaded is not opened', async () => {
    const app = await appWith(plan('left'), plan('other'));
    const left = app.openPlan('left');
    const other = app.openPlan('other');
    await Promise.all([left, other]);
    expect(app.session?.plan.id).toBe('other');
    const again = app.openPlan('left');
    const home = app.closePlan();
    await Promise.all([again, home]);
    expect(app.session).toBeNull();
  });
});
