import { launch } from './browser';
import { measureW5 } from './w5';

/** `npx tsx bench/w5-check.ts [rows]`: the W5 rows alone (default 1M and 10M rows). */
const n = Number(process.argv[2]);
const browser = await launch();
try {
  const rows = await measureW5(browser, n > 0 ? [{ label: `${n} rows`, rows: n, runs: 3, peerRuns: 1 }] : undefined);
  console.log(JSON.stringify(rows, null, 2));
  console.table(rows.map((r) => ({ case: r.case, ours_ms: r.ours_ms, reload_ms: r.ours_reload_ms, peer_ms: r.peer_ms, peer_reload_ms: r.peer_reload_ms, ratio: r.ratio, met: r.met })));
} finally {
  await browser.close();
}
