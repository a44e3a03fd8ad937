import { launch, preview } from './browser';
import { measureW4 } from './w4';
import { measureW4Slider } from './w4slider';

/**
 * `npx vite build --sourcemap --outDir <dir> && BENCH_DIST=<dir> TRACE_OUT=<file> BENCH_PORT=<port> npx tsx bench/w4-trace.ts`:
 * a few W4 edits and one slider sweep pair under Chromium's full timeline and a JS sampling profile,
 * written to `<file>-0.json` (edits) and `<file>-1.json` (drag); read them with bench/traceTasks.ts.
 */
const server = await preview(Number(process.env.BENCH_PORT ?? 4179));
const browser = await launch();
try {
  const edit = await measureW4(browser, server.url, 15);
  const drag = await measureW4Slider(browser, server.url, 2);
  console.log({ edit: { ...edit, samples: undefined }, drag });
} finally {
  await browser.close();
  server.stop();
}
