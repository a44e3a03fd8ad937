import { describe, expect, it } from 'vitest';
import { alignmentPositions, byteCapacity, encodeQr, formatBits, QrTooLong, versionBits } from '../../../src/engine/qr/encode';
import { rsGenerator, rsRemainder } from '../../../src/engine/qr/reedSolomon';
import { ALIGNMENT_TABLE, decodeQr, FORMAT_STRINGS } from './qrDecode';

describe('QR encoder', () => {
  it('gives the error-correction codewords of the standard’s worked example (1-M, "01234567")', () => {
    // ISO/IEC 18004 Annex I: data codewords and the ten EC codewords that follow them.
    const data = [0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11];
    expect(rsRemainder(data, rsGenerator(10))).toEqual([0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55]);
  });

  it('matches the standard’s tables: capacities, alignment positions, format and version strings', () => {
    // Byte-mode capacities from Table 7.
    expect([byteCapacity(1, 'L'), byteCapacity(1, 'M'), byteCapacity(10, 'L'), byteCapacity(10, 'M')]).toEqual([17, 14, 271, 213]);
    expect([byteCapacity(20, 'L'), byteCapacity(20, 'M'), byteCapacity(40, 'L'), byteCapacity(40, 'M')]).toEqual([858, 666, 2953, 2331]);
    for (let v = 1; v <= 40; v++) expect(alignmentPositions(v)).toEqual(ALIGNMENT_TABLE[v]);
    for (let m = 0; m < 8; m++) {
      expect(formatBits('L', m).toString(2).padStart(15, '0')).toBe(FORMAT_STRINGS.L[m]);
      expect(formatBits('M', m).toString(2).padStart(15, '0')).toBe(FORMAT_STRINGS.M[m]);
    }
    expect(versionBits(7)).toBe(0x07c94);
    expect(versionBits(40)).toBe(0x28c69);
  });

  it('reads back what it wrote, at several lengths, both levels and every mask', () => {
    const text = 'https://planner.example/#join=' + 'AbC-_9'.repeat(600);
    for (const len of [1, 14, 17, 40, 120, 300, 700, 1200, 2000, 2331]) {
      const bytes = new TextEncoder().encode(text.slice(0, len));
      const qr = encodeQr(bytes, 'M');
      const back = decodeQr(qr.modules);
      expect(back.level).toBe('M');
      expect(back.version).toBe(qr.version);
      expect(new TextDecoder().decode(back.bytes)).toBe(text.slice(0, len));
    }
    const long = new TextEncoder().encode(text.slice(0, 2953));
    const l40 = encodeQr(long, 'L');
    expect(l40.version).toBe(40);
    expect(decodeQr(l40.modules).bytes).toEqual(long);
    const short = new TextEncoder().encode('CMP1.proposal');
    for (let mask = 0; mask < 8; mask++) expect(decodeQr(encodeQr(short, 'L', { mask }).modules)).toMatchObject({ mask, level: 'L' });
  });

  it('takes the smallest version that holds the data, and refuses more than version 40 holds', () => {
    expect(encodeQr(new Uint8Array(14), 'M').version).toBe(1);
    expect(encodeQr(new Uint8Array(15), 'M').version).toBe(2);
    expect(() => encodeQr(new Uint8Array(2954), 'L')).toThrow(QrTooLong);
  });
});
