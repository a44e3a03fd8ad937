import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reading a PDF the way a person would check it: its pages as images (where is ink?), its text,
 * and its page sizes — through poppler's command-line tools (pdftoppm, pdftotext, pdfinfo).
 */

export interface PageInk {
  /** Page size in pixels at the rendering resolution. */
  width: number;
  height: number;
  /** Bounding box of every non-white pixel, in pixels; null for a blank page. */
  ink: { left: number; top: number; right: number; bottom: number } | null;
}

/** Parses a binary PGM (P5) image, as `pdftoppm -gray` writes it. */
function readPgm(file: string): { width: number; height: number; data: Uint8Array } {
  const buf = readFileSync(file);
  // Header: "P5", width, height, maxval, each separated by whitespace, then one whitespace byte.
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[i]))) i++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(buf[i]))) s += String.fromCharCode(buf[i++]);
    fields.push(s);
  }
  i++;
  if (fields[0] !== 'P5' || fields[3] !== '255') throw new Error(`not an 8-bit PGM: ${file}`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, data: new Uint8Array(buf.buffer, buf.byteOffset + i, width * height) };
}

/** Renders every page at `dpi` and finds where ink is (a pixel darker than `white`). */
export function pageInk(pdf: string, outDir: string, dpi = 72, white = 245): PageInk[] {
  const prefix = join(outDir, 'ink');
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', pdf, prefix]);
  const files = readdirSync(outDir).filter((f) => f.startsWith('ink') && f.endsWith('.pgm')).sort();
  return files.map((f) => {
    const { width, height, data } = readPgm(join(outDir, f));
    let left = width;
    let right = -1;
    let top = height;
    let bottom = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (data[y * width + x] < white) {
          if (x < left) left = x;
          if (x > right) right = x;
          if (y < top) top = y;
          if (y > bottom) bottom = y;
        }
      }
    }
    return { width, height, ink: right < 0 ? null : { left, top, right, bottom } };
  });
}

/** Also writes colour PNGs of the pages, for a person to look at. */
export function pagePngs(pdf: string, prefix: string, dpi = 60): void {
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, prefix]);
}

/** The text of one page (1-based), or of all pages, laid out as on the page. */
export function pdfText(pdf: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...range, pdf, '-'], { encoding: 'utf8' });
}

/** Page count and the size of the first page in points. */
export function pdfInfo(pdf: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** A table row as `pdftotext -layout` prints it: its cells in order on one line, apart by spaces. */
export function rowPattern(cells: readonly string[]): RegExp {
  return new RegExp(cells.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
}
