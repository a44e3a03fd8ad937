import { launch, preview } from './browser';
import { measureW4Rows } from './w4rows';

/** `npx vite build && BENCH_PORT=<port> npx tsx bench/w4-check.ts`: the W4 rows alone, on the production build, without the rest of `npm run bench`. */
const server = await preview(Number(process.env.BENCH_PORT ?? 4179));
const browser = await launch();
try {
  const rows = await measureW4Rows(browser, server.url);
  console.log(JSON.stringify(rows, null, 2));
  console.table(rows.map((r) => ({ case: r.case, ours_ms: r.ours_ms, p95_ms: r.p95_ms, task_p95_ms: r.main_thread_task_p95_ms, tasks_over_10ms: r.main_thread_tasks_over_10ms, busy_per_input: r.main_thread_ms_per_input, met: r.met })));
} finally {
  await browser.close();
  server.stop();
}
