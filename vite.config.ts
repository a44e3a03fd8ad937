/// <reference types="vitest/config" />
import { build as viteBuild, defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { readFile } from 'node:fs/promises';

/**
 * The production Content-Security-Policy: the app's own files and nothing else.
 * - default-src 'none': anything not listed below is refused.
 * - script-src / worker-src 'self': the entry, lazy chunks, the engine workers and the service
 *   worker are all files of this origin; no 'unsafe-eval' (no script is compiled at run time).
 *   The Monte Carlo and customer-analysis workers compile their WebAssembly kernels (bytes inside
 *   their own scripts): a worker of this origin takes its policy from its response headers, not
 *   from the page's <meta>, so the `_headers` policy alone adds 'wasm-unsafe-eval' (WebAssembly only, never eval); where it
 *   is refused the workers run the same figures in JS.
 * - style-src 'self' 'unsafe-inline': ag-grid's themes inject <style> elements, and ECharts' tooltips
 *   are HTML with style attributes; both were measured (securitypolicyviolation) with 'self' alone.
 *   Markup from data never reaches the DOM as HTML, so inline styles cannot be injected by a file.
 * - img-src 'self' data: — the grid's icons are SVG data URLs in its injected stylesheet. Exports
 *   (PNG data URLs, blob URLs) are downloads, not images, and need nothing here.
 * - connect-src / manifest-src 'self': nothing is fetched from elsewhere; the web app manifest.
 * - object-src, base-uri, form-action 'none': no plugins, no <base> rewriting, no form posts.
 */
const CSP: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'worker-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

const policy = (extra: Record<string, string[]> = {}): string =>
  Object.entries({ ...CSP, ...extra })
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');

/**
 * Puts the policy into the built index.html as a <meta> (so it holds on any static host) and into a
 * `_headers` file for hosts that read one (Netlify, Cloudflare Pages), where `frame-ancestors` —
 * ignored in a <meta> — also forbids framing. Build only: the dev server injects inline scripts.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'cmp:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy() }, injectTo: 'head-prepend' }],
    },
    generateBundle() {
      const headers = ['/*', `  Content-Security-Policy: ${policy({ 'frame-ancestors': ["'none'"], 'script-src': ["'self'", "'wasm-unsafe-eval'"] })}`, '  X-Content-Type-Options: nosniff', '  Referrer-Policy: no-referrer', ''];
      this.emitFile({ type: 'asset', fileName: '_headers', source: headers.join('\n') });
    },
  };
}

/**
 * Size budgets, checked on every production build (so CI fails on a breach, not a benchmark weeks
 * later). First load is the entry chunk and every chunk it imports statically — what the browser
 * fetches before the shell paints (the HTML preloads exactly these) — gzipped; 150 KB keeps the
 * first paint quick on a slow connection. Every other script — lazy chunks and workers — has a budget of its own: the grid and the chart
 * libraries are the largest parts at about 220 KB each, so a chunk beyond LAZY_KB means a library
 * was pulled in whole or code that should load on demand was bundled with one.
 */
const FIRST_LOAD_KB = 150;
const LAZY_KB = 240;

function sizeBudget(): Plugin {
  return {
    name: 'cmp:size-budget',
    apply: 'build',
    // Once the files are written: in generateBundle the chunks do not yet hold the lists of files
    // their dynamic imports preload, which the bundler adds later (3 KB gzip of the first load).
    writeBundle(_options, bundle) {
      // What ships: a build with source maps (for profiling) ends each chunk with a comment naming
      // its map, which a production build does not have.
      const kb = (code: string | Uint8Array) => gzipSync(typeof code === 'string' ? code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '') : code).length / 1024;
      const chunks = Object.values(bundle).flatMap((o) => (o.type === 'chunk' ? [o] : []));
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) return; // a worker's own build: its single file is checked by the page's build
      const first = new Set<string>();
      const visit = (file: string): void => {
        if (first.has(file)) return;
        first.add(file);
        for (const imported of byName.get(file)?.imports ?? []) visit(imported);
      };
      visit(entry.fileName);
      const firstKb = [...first].reduce((sum, f) => sum + kb(byName.get(f)?.code ?? ''), 0);
      const breaches: string[] = [];
      if (firstKb > FIRST_LOAD_KB) {
        // Name the largest modules of the first load, so whoever breaks the budget sees where to cut.
        const modules = [...first].flatMap((f) => Object.entries(byName.get(f)?.modules ?? {}).map(([id, m]) => ({ id, size: m.renderedLength })));
        const largest = modules.sort((a, b) => b.size - a.size).slice(0, 12).map((m) => `  ${(m.size / 1024).toFixed(1)} KB (minified) ${path.relative(process.cwd(), m.id)}`);
        breaches.push(`first-load JS is ${firstKb.toFixed(1)} KB gzip (budget ${FIRST_LOAD_KB} KB): ${[...first].join(', ')}\nlargest modules:\n${largest.join('\n')}`);
      }
      for (const o of Object.values(bundle)) {
        if (first.has(o.fileName) || !o.fileName.endsWith('.js') || o.fileName === 'sw.js' || o.fileName.startsWith('workbox-')) continue;
        const size = kb(o.type === 'chunk' ? o.code : o.source);
        if (size > LAZY_KB) breaches.push(`${o.fileName} is ${size.toFixed(1)} KB gzip (budget ${LAZY_KB} KB for a chunk loaded on demand)`);
      }
      if (breaches.length > 0) this.error(`size budget exceeded:\n${breaches.join('\n')}`);
      this.info(`first-load JS ${firstKb.toFixed(1)} KB gzip of ${FIRST_LOAD_KB} KB`);
    },
  };
}

/**
 * The plan card's viewer (src/card/main.ts): a second, separate build of one classic script with
 * no imports, written beside the app as `card-viewer.js` with its style sheet `card-viewer.css`.
 * The export dialog fetches both (lazily, same origin, precached like every built file) and writes
 * them inline into the card's HTML. Nothing of it is in the app's own chunks.
 */
const CARD_FILES = { script: 'card-viewer.js', style: 'card-viewer.css' } as const;
const CARD_KB = 80;

async function buildCardViewer(): Promise<{ script: string; style: string }> {
  const out = await viteBuild({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      emptyOutDir: false,
      copyPublicDir: false,
      lib: { entry: path.resolve('src/card/main.ts'), formats: ['iife'], name: 'PlanCardViewer', fileName: () => CARD_FILES.script },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  const chunk = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the plan card viewer build produced no script');
  // The style sheet is small and hand-written: comments and layout whitespace are all there is to drop.
  const css = await readFile(path.resolve('src/card/card.css'), 'utf8');
  const style = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/;}/g, '}')
    .trim();
  return { script: chunk.code, style };
}

function planCardViewer(): Plugin {
  return {
    name: 'cmp:plan-card-viewer',
    async generateBundle(_options, bundle) {
      // Only the page's build (not a worker's) carries the viewer.
      const page = Object.values(bundle).some((o) => o.type === 'chunk' && o.isEntry && o.facadeModuleId?.endsWith('index.html'));
      if (!page) return;
      const { script, style } = await buildCardViewer();
      if (/<\/script|<!--/i.test(script)) this.error('the plan card viewer contains "</script" or "<!--" and cannot be inlined');
      this.emitFile({ type: 'asset', fileName: CARD_FILES.script, source: script });
      this.emitFile({ type: 'asset', fileName: CARD_FILES.style, source: style });
      const kb = gzipSync(script + style).length / 1024;
      if (kb > CARD_KB) this.error(`the plan card viewer is ${kb.toFixed(1)} KB gzip (budget ${CARD_KB} KB)`);
      this.info(`plan card viewer ${(script.length / 1024).toFixed(1)} KB (${kb.toFixed(1)} KB gzip with its style)`);
    },
    configureServer(server) {
      // In development the viewer is built when the export dialog asks for it.
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split('?')[0].split('/').pop();
        if (name !== CARD_FILES.script && name !== CARD_FILES.style) return next();
        buildCardViewer().then(
          (built) => {
            res.setHeader('Content-Type', name === CARD_FILES.script ? 'text/javascript' : 'text/css');
            res.end(name === CARD_FILES.script ? built.script : built.style);
          },
          (e: unknown) => next(e),
        );
      });
    },
  };
}

/**
 * Offline: vite-plugin-pwa in generateSW mode. It supports Vite 8, needs no service-worker source of
 * our own, and Workbox's precache handles what a hand-written worker would have to get right:
 * revisioned entries, atomic install, removing outdated caches, serving index.html to navigations.
 * Every built file is precached (glob `**`), so each lazy chunk and worker chunk is there offline.
 *
 * An update waits (`registerType: 'prompt'`, no skipWaiting) until the user accepts it; registration
 * and the prompt live in src/state/updates.svelte.ts. `clientsClaim` matters only on the first
 * install: a first visit's page is not controlled by any worker, so without the claim it would fetch
 * its lazy parts from the network until reloaded, and fail when the network goes. The claim puts the
 * page under the worker as soon as the precache is complete. That page runs the very build the
 * worker precached (it registered the worker), so nothing changes under it; the app checks that the
 * precache holds its own entry script before it says it is ready offline (src/state/offline.svelte.ts).
 * An update never claims anything that matters: it activates only when the user accepts (the tabs it
 * controlled switch over at activation with or without a claim) or when no tab runs the old version.
 */
const offline = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: 'Channel Mix Planner',
    short_name: 'Mix Planner',
    description: 'Plan budget and effort across sales channels, on your device.',
    id: './',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f8fafc',
    theme_color: '#1e3a8a',
    icons: [
      { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  // The glob below already finds the icons; the plugin adds the manifest itself.
  includeManifestIcons: false,
  workbox: {
    globPatterns: ['**/*'],
    globIgnores: ['_headers', 'manifest.webmanifest'],
    // The grid and chart chunks are large; none may be left out of the precache.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    clientsClaim: true,
  },
});

export default defineConfig({
  // Relative base: the built folder works from any sub-path of a static host.
  base: './',
  plugins: [svelte(), contentSecurityPolicy(), sizeBudget(), planCardViewer(), offline],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    // Property tests run thousands of cases; on a loaded two-core machine 5 s is too short a limit.
    testTimeout: 60_000,
  },
});
