import type { Page } from '@playwright/test';
import type { Plan } from '../src/engine/types';

/** Puts a plan straight into the app's IndexedDB (as an import would) and opens it on `tab`. */
export async function seedPlan(page: Page, url: string, plan: Plan, tab: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('template-beauty').waitFor();
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
