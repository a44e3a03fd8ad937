import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * First-load JS: the entry script plus every chunk the HTML preloads, gzipped — what a visitor
 * downloads before the shell can paint. Chunks loaded later with import() (grid, charts, Chinese
 * catalogues, templates) are not counted.
 */
export function firstLoadJs(dist: string): { files: string[]; gzipBytes: number; rawBytes: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const ref of refs) {
    const buf = readFileSync(join(dist, ref.replace(/^\.\//, '')));
    rawBytes += buf.length;
    gzipBytes += gzipSync(buf).length;
  }
  return { files: refs, gzipBytes, rawBytes };
}
