import type { Page } from '@playwright/test';
import type { Plan } from '../../src/engine/types';

const DB = 'channel-mix-planner';

/** The id of the plan the page shows (from its address). */
export function planIdOf(page: Page): string {
  const m = /#\/plan\/([^/]+)/.exec(page.url());
  if (!m) throw new Error(`not on a plan: ${page.url()}`);
  return m[1];
}

/** The plan as IndexedDB holds it (what was saved, not what the page shows); the page's plan by default. */
export async function storedPlan(page: Page, id: string = planIdOf(page)): Promise<Plan> {
  return page.evaluate(
    ({ db, id }) =>
      new Promise<Plan>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('plans').objectStore('plans').get(id);
          req.onsuccess = () => {
            open.result.close();
            resolve((req.result as { plan: Plan }).plan);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    { db: DB, id },
  );
}
