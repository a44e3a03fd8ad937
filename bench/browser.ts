import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium';


export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Serves the production build and resolves once it answers. */
export async function preview(port: number): Promise<{ url: string; stop: () => void }> {
  // BENCH_DIST serves another build (e.g. one with source maps, for bench/traceTasks.ts).
  const dist = process.env.BENCH_DIST ? ['--outDir', process.env.BENCH_DIST] : [];
  const proc: ChildProcess = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', ...dist], {
    stdio: 'ignore',
    detached: true,
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () => {
      if (proc.pid) process.kill(-proc.pid);
    },
  };
}

/** tsx compiles the functions handed to page.evaluate with a `__name` helper the page lacks. */
export const KEEP_NAMES_SHIM = 'window.__name = (f) => f;';
