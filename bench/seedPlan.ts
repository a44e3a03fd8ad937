import type { Page } from '@playwright/test';
import type { Plan } from '../src/engine/types';

/**
 * A planner's visit: `returning` has the app's offline copy stored (every visit but the first after
 * a release); on a `first` visit the service worker downloads and stores the whole build (about 260
 * files) in the background while the plan is being edited.
 */
export type Visit = 'returning' | 'first';

/**
 * Puts a plan straight into the app's IndexedDB (as an import would) and opens it on `tab`; for a
 * returning visit, first waits until the offline copy is stored and the worker controls the page.
 */
export async function seedPlan(page: Page, url: string, plan: Plan, tab: string, visit: Visit = 'returning'): Promise<void> {
  await page.goto(url);
  await page.getByTestId('template-beauty').waitFor();
  if (visit === 'returning') {
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, { timeout: 120_000 });
  }
  await page.evaluate(async (p) => {
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('channel-mix-planner');
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction(['plans', 'history'], 'readwrite');
        tx.objectStore('plans').put({ id: p.id, name: p.name, updatedAt: p.updatedAt, plan: p });
        tx.objectStore('history').put({ planId: p.id, undo: [], redo: [] });
        tx.oncomplete = () => {
          db.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    });
  }, plan);
  await page.goto(`${url}#/plan/${plan.id}/${tab}`);
}
