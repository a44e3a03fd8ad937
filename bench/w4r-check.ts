import { launch, preview } from './browser';
import { measureW4r } from './w4r';

/** `npx vite build && npx tsx bench/w4r-check.ts`: the W4r row alone, on the production build. */
const server = await preview(Number(process.env.BENCH_PORT ?? 4179));
const browser = await launch();
try {
  const row = await measureW4r(browser, server.url);
  console.log(JSON.stringify(row, null, 2));
} finally {
  await browser.close();
  server.stop();
}
