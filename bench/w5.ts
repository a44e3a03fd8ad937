import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import { build, type Rollup } from 'vite';
import { KEEP_NAMES_SHIM } from './browser';
import { median, round, type BenchRow } from './util';

/**
 * W5: persist and reload 1M and 10M imported rows in Chromium's IndexedDB.
 *
 *  - Ours: the app's persistence code (persistence/datasets.ts on PlannerDb): the columns encoded
 *    into chunks of 2^20 rows (typed arrays, narrowed where exact) plus the dictionaries, written
 *    with the metadata in one transaction; reloaded with loadDataset (read + decode back into the
 *    typed columns the analyses use). Persist time includes the encoding.
 *  - Peer (1M only): Dexie with one object per row { customer, day, amount, channel, region }
 *    (strings as a row store keeps them), bulkAdd in one transaction; reload = toArray(). Persist
 *    time includes making the objects.
 *
 * bench/w5-page.ts runs in a page served by Playwright from memory (bundled here with Vite), so
 * the page has an http origin and a real IndexedDB; Chromium's default transaction durability for
 * both. Times are medians; the ratio is the peer's persist time over ours at 1M rows.
 */
const ORIGIN = 'http://w5.bench';

async function bundle(): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: { entry: fileURLToPath(new URL('./w5-page.ts', import.meta.url)), formats: ['es'], fileName: 'w5' },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const output = (Array.isArray(out) ? out[0] : out).output;
  const chunk = output.find((o): o is Rollup.OutputChunk => o.type === 'chunk' && o.isEntry);
  if (!chunk) throw new Error('W5 page bundle has no entry chunk');
  return chunk.code;
}

interface OursRun {
  persistMs: number;
  encodeMs: number;
  reloadMs: number;
  storedBytes: number;
  chunks: number;
  same: boolean;
}
interface PeerRun {
  persistMs: number;
  objectsMs: number;
  reloadMs: number;
  rows: number;
}

type W5 = {
  setUp(rows: number): Promise<{ customers: number }>;
  ours(): Promise<OursRun>;
  peer(): Promise<PeerRun>;
  tearDown(): Promise<void>;
};

export async function measureW5(browser: Browser, cases = [
  { label: '1M rows', rows: 1_000_000, runs: 5, peerRuns: 2 },
  { label: '10M rows', rows: 10_000_000, runs: 3, peerRuns: 0 },
]): Promise<BenchRow[]> {
  const code = await bundle();
  const context = await browser.newContext();
  await context.addInitScript({ content: KEEP_NAMES_SHIM });
  await context.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/w5.js') return route.fulfill({ contentType: 'text/javascript', body: code });
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>W5</title><script type="module" src="/w5.js"></script>' });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15 * 60_000);
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'w5' in window);
  const rows: BenchRow[] = [];
  try {
    for (const c of cases) {
      const { customers } = await page.evaluate((n) => (window as unknown as { w5: W5 }).w5.setUp(n), c.rows);
      const ours: OursRun[] = [];
      // One untimed run first: the first write also creates the stores' files.
      for (let i = 0; i <= c.runs; i++) {
        const r = await page.evaluate(() => (window as unknown as { w5: W5 }).w5.ours());
        if (i > 0) ours.push(r);
      }
      const peers: PeerRun[] = [];
      for (let i = 0; i < c.peerRuns; i++) peers.push(await page.evaluate(() => (window as unknown as { w5: W5 }).w5.peer()));
      await page.evaluate(() => (window as unknown as { w5: W5 }).w5.tearDown());

      const persist = median(ours.map((r) => r.persistMs));
      const reload = median(ours.map((r) => r.reloadMs));
      const peerPersist = peers.length ? median(peers.map((r) => r.persistMs)) : null;
      const peerReload = peers.length ? median(peers.map((r) => r.reloadMs)) : null;
      const tenMillion = c.rows >= 10_000_000;
      rows.push({
        id: 'W5',
        case: c.label,
        ours_ms: round(persist, 0),
        peer: peers.length ? 'Dexie row objects' : null,
        peer_ms: peerPersist === null ? null : round(peerPersist, 0),
        ratio: peerPersist === null ? null : round(peerPersist / persist, 1),
        goal: tenMillion ? '10M rows persisted <= 2 s' : '>= 100x faster than Dexie one-object-per-row bulkAdd',
        met: tenMillion ? persist <= 2000 : peerPersist !== null && peerPersist / persist >= 100,
        ours_reload_ms: round(reload, 0),
        ours_encode_ms: round(median(ours.map((r) => r.encodeMs)), 0),
        peer_reload_ms: peerReload === null ? null : round(peerReload, 0),
        reload_ratio: peerReload === null ? null : round(peerReload / reload, 1),
        peer_objects_ms: peers.length ? round(median(peers.map((r) => r.objectsMs)), 0) : null,
        stored_mib: round(ours[0].storedBytes / 2 ** 20, 1),
        chunks: ours[0].chunks,
        customers,
        same_result: ours.every((r) => r.same) && peers.every((r) => r.rows === c.rows),
        runs: c.runs,
        peer_runs: c.peerRuns,
      });
    }
  } finally {
    await context.close();
  }
  return rows;
}
