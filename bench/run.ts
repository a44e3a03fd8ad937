import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { launch, preview } from './browser';
import { computePlan } from '../src/engine/compute';
import { generateSyntheticPlan } from '../src/engine/synthetic';
import { measureW4Rows } from './w4rows';
import { measureW4r } from './w4r';
import { measureLcp } from './lcp';
import { firstLoadJs } from './w6';
import { measureW3b, measureW3c } from './w3bc';
import { measureW3a } from './w3a';
import { measureW3d } from './w3d';
import { measureW2 } from './w2';
import { measureW2Limit } from './w2c';
import { measureW1 } from './w1';
import { measureW5 } from './w5';
import { measureW7 } from './w7';
import { measureW8 } from './w8';
import { machine, median, round, type BenchRow } from './util';

/**
 * `npm run bench`: builds, measures, prints the table and writes bench/results.json.
 * "Main thread ≤ 10 ms a frame" is judged from Chromium's trace of the page's main thread: the p95 of
 * its tasks (1 ms or longer) while the edits or the drag run must be ≤ 10 ms. rAF-to-rAF gaps are
 * reported too (16.7 ms = the page kept up with a 60 Hz display).
 */
async function main(): Promise<void> {
  execSync('npx vite build', { stdio: 'ignore' });
  const rows: BenchRow[] = [];

  // Engine alone, in Node: the recompute an edit triggers (context for W4).
  const plan = generateSyntheticPlan({ channels: 50, periods: 36, seed: 42, withOverrides: true });
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    computePlan(plan);
    times.push(performance.now() - t);
  }
  rows.push({
    id: 'W4-engine', case: '50 channels x 36 periods (compute only, Node)', ours_ms: round(median(times.slice(10)), 3),
    peer: null, peer_ms: null, ratio: null, goal: 'part of the W4 budget', met: true,
  });

  // W3b Monte Carlo and W3c tornado: engine only, in Node (bench/w3bc.ts).
  rows.push(...(await measureW3b()), ...measureW3c());

  // W3a: the budget optimiser against NLopt, in Node (bench/w3a.ts).
  rows.push(...(await measureW3a()));

  // W3d: the optimiser with budget rules, 200 channels x 30 regions, against NLopt, in Node (bench/w3d.ts).
  rows.push(...(await measureW3d()));

  // W2: RFM + ABC + segment x channel on 1M rows against DuckDB-Wasm and Arquero, in Node (bench/w2.ts).
  rows.push(...(await measureW2()));
  // W2's limit: the same work in C, compiled here (bench/w2c.ts, bench/c/w2kernel.c).
  rows.push(...measureW2Limit());

  // W1: CSV → typed columns against uDSV and PapaParse, in Node (bench/w1.ts).
  rows.push(...(await measureW1()));

  // W7: ETS fit and forecast of 500 monthly series against R's forecast::ets, in Node (bench/w7.ts).
  rows.push(...measureW7());

  // W8: BG/NBD + Gamma-Gamma fit and CLV for 1M customers, in Node (bench/w8.ts).
  rows.push(...measureW8());

  const js = firstLoadJs('dist');
  const kb = round(js.gzipBytes / 1024, 1);
  const server = await preview(4179);
  const browser = await launch();
  try {
    rows.push(...(await measureW4Rows(browser, server.url)));
    // W4r: the same edit-to-paint on a plan computed region by region (bench/w4r.ts).
    rows.push(await measureW4r(browser, server.url));
    // W5: persisting and reloading imported rows in Chromium's IndexedDB (bench/w5.ts).
    rows.push(...(await measureW5(browser)));
    const lcp = await measureLcp(browser, server.url);
    rows.push({
      id: 'W6', case: 'cold load of the production build', ours_ms: lcp, first_load_js_gzip_kb: kb,
      first_load_files: js.files, peer: null, peer_ms: null, ratio: null,
      goal: 'first-load JS <= 150 KB gzip (grid and charts lazy); LCP <= 1 s', met: kb <= 150 && lcp <= 1000,
    });
  } finally {
    await browser.close();
    server.stop();
  }

  const out = { machine: machine(), results: rows };
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', JSON.stringify(out, null, 2) + '\n');
  console.table(rows.map((r) => ({ id: r.id, case: r.case, ours_ms: r.ours_ms, p95_ms: r.p95_ms ?? '', peer: r.peer ?? '', peer_ms: r.peer_ms ?? '', ratio: r.ratio ?? '', extra: extraText(r), met: r.met })));
}

/** The one figure besides the times that each row is judged on. */
function extraText(r: BenchRow): string {
  if (r.first_load_js_gzip_kb) return `${r.first_load_js_gzip_kb} KB gzip`;
  if (r.main_thread_task_p95_ms !== undefined) return `main-thread task p95 ${r.main_thread_task_p95_ms} ms, max ${r.main_thread_task_max_ms}, ${r.main_thread_tasks_over_10ms}/${r.main_thread_tasks} over 10 ms`;
  if (r.longest_frame_ms !== undefined) return `longest frame ${r.longest_frame_ms} ms (p95 ${r.longest_frame_p95_ms})`;
  if (r.objective_gap !== undefined) return `objective gap ${Number(r.objective_gap).toExponential(1)}`;
  if (r.first_bands_ms !== undefined) return `first bands ${r.first_bands_ms} ms`;
  if (r.ours_reload_ms !== undefined) return `reload ${r.ours_reload_ms} ms${r.peer_reload_ms ? ` (peer ${r.peer_reload_ms} ms)` : ''}`;
  if (r.ours_mib_per_s !== undefined) return `${r.ours_mib_per_s} MiB/s`;
  if (r.same_model !== undefined) return `same model as R in ${r.same_model}; CPU ${r.cpu_ms} ms (R ${r.peer_cpu_ms} ms, ratio ${r.cpu_ratio})`;
  if (r.cpu_ms !== undefined) return `CPU ${r.cpu_ms} ms, summary + BG/NBD fit ${r.fit_ms} ms, both fits ${r.both_fits_ms} ms; ${r.note}`;
  return '';
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
