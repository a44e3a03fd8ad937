import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Reading downloaded files as the person who receives them would: a CSV as a spreadsheet opens it,
 * a PNG by its header.
 */

/** The CSV's rows; it must start with the UTF-8 BOM (Excel reads Chinese text right only then). */
export function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
}

/** A PNG's size from its header; fails unless the bytes start with the PNG signature and an IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** What a PNG shows, decoded by the browser: where the dark ink of its top band is, and how much of each colour is below it. */
export interface PngLook {
  /** Horizontal extent of dark pixels (text) in the top `band` rows; null when there are none. */
  bandInk: { left: number; right: number } | null;
  /** Pixels below the band within ±2 per channel of each colour asked for ("#rrggbb"). */
  counts: number[];
}

export async function pngLook(page: Page, bytes: Buffer, band: number, colours: string[]): Promise<PngLook> {
  return page.evaluate(
    async ({ b64, band, colours }) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([raw], { type: 'image/png' }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2D canvas');
      ctx.drawImage(bitmap, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const rgb = colours.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
      const counts = colours.map(() => 0);
      let left = width;
      let right = -1;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const o = 4 * (y * width + x);
          const [r, g, b] = [data[o], data[o + 1], data[o + 2]];
          if (y < band) {
            if (r + g + b < 3 * 96) {
              left = Math.min(left, x);
              right = Math.max(right, x);
            }
          } else {
            rgb.forEach(([cr, cg, cb], k) => {
              if (Math.abs(r - cr) <= 2 && Math.abs(g - cg) <= 2 && Math.abs(b - cb) <= 2) counts[k]++;
            });
          }
        }
      }
      return { bandInk: right < 0 ? null : { left, right }, counts };
    },
    { b64: bytes.toString('base64'), band, colours },
  );
}
