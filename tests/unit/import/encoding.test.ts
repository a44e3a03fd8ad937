import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectEncoding, StreamDecoder } from '../../../src/engine/import/encoding';
import { collectRecords } from '../../../src/engine/import/csv';
import { decoders, fixture, legacyEncoder } from './helpers';

const GBK_TEXT = [
  '客户编号,下单时间,实付金额,销售渠道,地区,数量,商品名称,订单状态',
  'C001,2024/1/5,"1,280.50",天猫旗舰店,华东,2,不锈钢保温杯,已完成',
  'C002,2024/1/6,99.00,直营门店,华南,1,折叠雨伞,已完成',
  'C003,2024/1/8,￥356.00,抖音直播,华北,3,纯棉毛巾礼盒,已完成',
  'C001,2024/2/1,-1280.50,天猫旗舰店,华东,-2,不锈钢保温杯,退货退款',
  'C004,2024/2/3,45.90,社区团购,西南,1,有机大米,已完成',
  'C005,2024/2/14,520.00,微信小程序,华东,1,巧克力礼盒,已完成',
  ',2024/2/15,12.00,直营门店,华南,1,矿泉水,已完成',
  'C006,2024/3/1,888.00,京东自营,东北,1,电饭煲,已取消',
  'C002,2024/3/9,199.00,经销商,华中,2,儿童保温水壶,已完成',
].join('\r\n') + '\r\n';

const BIG5_TEXT = [
  '客戶編號,訂單日期,金額,通路,地區,數量,產品',
  'T001,2024年1月5日,"NT$1,200",直營門市,台北市,1,保溫杯',
  'T002,2024年1月7日,350,蝦皮購物,新北市,2,雨傘',
  'T003,2024年2月2日,(150),經銷商,台中市,1,毛巾禮盒',
  'T001,2024年2月20日,2680,官方網站,高雄市,3,電子鍋',
  'T004,2024年3月3日,99,直播帶貨,桃園市,1,有機白米',
  'T005,2024年3月8日,760,加盟店,新竹縣,2,兒童水壺',
].join('\r\n') + '\r\n';

const PARAGRAPH_SIMPLIFIED =
  '销售渠道是企业产品从生产者到达消费者的路径。企业应根据产品特点、目标客户和市场环境选择直销或分销，并建立主渠道加辅助渠道的组合，定期评估各渠道的贡献率、成本率和客户复购率。';
const PARAGRAPH_TRADITIONAL =
  '銷售通路是企業產品從生產者到達消費者的路徑。企業應根據產品特點、目標客戶和市場環境選擇直銷或經銷，並建立主通路加輔助通路的組合，定期評估各通路的貢獻率、成本率和顧客回購率。';

describe('legacy encodings', () => {
  const gbk = legacyEncoder('gbk');
  const big5 = legacyEncoder('big5');

  it('encode characters to the bytes printed in the GBK and Big5 code charts', () => {
    // GB 2312 row 16 starts with 啊 (B0A1); Big5 frequent characters start with 一 (A440).
    expect([...gbk('啊你好中文')]).toEqual([0xb0, 0xa1, 0xc4, 0xe3, 0xba, 0xc3, 0xd6, 0xd0, 0xce, 0xc4]);
    expect([...big5('一你好中文')]).toEqual([0xa4, 0x40, 0xa7, 0x41, 0xa6, 0x6e, 0xa4, 0xa4, 0xa4, 0xe5]);
  });

  it('the fixtures decode to the expected text', () => {
    expect(new TextDecoder('gb18030', { fatal: true }).decode(fixture('transactions-gbk.csv'))).toBe(GBK_TEXT);
    expect(new TextDecoder('big5', { fatal: true }).decode(fixture('transactions-big5.csv'))).toBe(BIG5_TEXT);
    expect(fixture('transactions-gbk.csv')).toEqual(gbk(GBK_TEXT));
    expect(fixture('transactions-big5.csv')).toEqual(big5(BIG5_TEXT));
  });

  it('case 25: a GBK file fails strict UTF-8, is detected as GB18030, previews correctly, with no U+FFFD', () => {
    const bytes = fixture('transactions-gbk.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const d = detectEncoding(bytes, decoders);
    expect(d.ok && d.encoding).toBe('gb18030');
    if (!d.ok) return;
    expect(d.candidates[0].confidence).toBeGreaterThan(0.95);
    expect(d.candidates.map((c) => c.encoding)).toEqual(expect.arrayContaining(['gb18030', 'big5', 'utf-8']));
    const decoder = new StreamDecoder(decoders, d.encoding);
    const text = decoder.decode(bytes) + decoder.finish();
    expect(decoder.replacements).toBe(0);
    const { rows } = collectRecords(text);
    expect(rows[0]).toEqual(['客户编号', '下单时间', '实付金额', '销售渠道', '地区', '数量', '商品名称', '订单状态']);
    expect(rows[3][3]).toBe('抖音直播');
  });

  it('case 25: overriding the encoding is possible: the other candidates decode too', () => {
    const bytes = fixture('transactions-gbk.csv');
    const d = detectEncoding(bytes, decoders);
    if (!d.ok) throw new Error('not detected');
    const big5Reading = new StreamDecoder(decoders, 'big5');
    const garbled = big5Reading.decode(bytes) + big5Reading.finish();
    expect(garbled).not.toContain('客户');
  });

  it('case 26: a Big5 file is detected and previews correctly', () => {
    const bytes = fixture('transactions-big5.csv');
    const d = detectEncoding(bytes, decoders);
    expect(d.ok && d.encoding).toBe('big5');
    const decoder = new StreamDecoder(decoders, 'big5');
    const { rows } = collectRecords(decoder.decode(bytes) + decoder.finish());
    expect(rows[0]).toEqual(['客戶編號', '訂單日期', '金額', '通路', '地區', '數量', '產品']);
    expect(rows[2][3]).toBe('蝦皮購物');
    expect(decoder.replacements).toBe(0);
  });

  it('case 25/26: detection holds on short samples cut in the middle of a character', () => {
    for (const [name, expected] of [['transactions-gbk.csv', 'gb18030'], ['transactions-big5.csv', 'big5']] as const) {
      const bytes = fixture(name);
      for (const length of [9, 17, 40, 101]) {
        const d = detectEncoding(bytes.subarray(0, length), decoders);
        expect(d.ok && d.encoding, `${name} ${length}`).toBe(expected);
      }
    }
  });

  it('case 25/26: tells GBK from Big5 on any stretch of ordinary Chinese text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: PARAGRAPH_SIMPLIFIED.length - 12 }), fc.integer({ min: 12, max: 60 }), (start, length) => {
        const simplified = PARAGRAPH_SIMPLIFIED.slice(start, start + length);
        const traditional = PARAGRAPH_TRADITIONAL.slice(start, start + length);
        const a = detectEncoding(gbk(`id,name\n1,${simplified}\n`), decoders);
        const b = detectEncoding(big5(`id,name\n1,${traditional}\n`), decoders);
        expect(a.ok && a.encoding).toBe('gb18030');
        expect(b.ok && b.encoding).toBe('big5');
      }),
    );
  });

  it('traditional characters written in GBK are still GBK', () => {
    const d = detectEncoding(gbk(PARAGRAPH_TRADITIONAL), decoders);
    expect(d.ok && d.encoding).toBe('gb18030');
  });
});

describe('encoding detection', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('case 24: reads a UTF-8 BOM and says how long it is', () => {
    const d = detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('客户,金额\n')]), decoders);
    expect(d).toMatchObject({ ok: true, encoding: 'utf-8', bomLength: 3 });
  });

  it('valid UTF-8 without a BOM is UTF-8, even when the sample ends inside a character', () => {
    const bytes = utf8('客户,金额\n张三,12\n');
    expect(detectEncoding(bytes, decoders)).toMatchObject({ ok: true, encoding: 'utf-8', asciiOnly: false });
    expect(detectEncoding(bytes.subarray(0, 2), decoders)).toMatchObject({ ok: true, encoding: 'utf-8' });
    expect(detectEncoding(utf8('id,amount\n1,2\n'), decoders)).toMatchObject({ ok: true, encoding: 'utf-8', asciiOnly: true });
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text") and clear UTF-16 without one', () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from('客户\t金额\r\nA\t1\r\n', 'utf16le')]);
    expect(detectEncoding(le, decoders)).toMatchObject({ ok: true, encoding: 'utf-16le', bomLength: 2 });
    const decoder = new StreamDecoder(decoders, 'utf-16le');
    const { rows, summary } = collectRecords(decoder.decode(le) + decoder.finish());
    expect(summary.delimiter).toBe('\t');
    expect(rows).toEqual([['客户', '金额'], ['A', '1']]);
    const be = Buffer.from('id,amount\n1,2\n', 'utf16le').swap16();
    expect(detectEncoding(new Uint8Array(be), decoders)).toMatchObject({ ok: true, encoding: 'utf-16be', bomLength: 0 });
  });

  it('case 32: refuses binary data with NUL bytes, and names a ZIP (an XLSX) as such', () => {
    expect(detectEncoding(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), decoders)).toEqual({ ok: false, error: 'binary' });
    expect(detectEncoding(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]), decoders)).toEqual({ ok: false, error: 'zip' });
  });

  it('offers windows-1252 for a Western file with £ so it is not misread as Chinese', () => {
    const d = detectEncoding(new Uint8Array(Buffer.from('Item,Price\nTea,\xa312.50\nCake,\xa33.00\nScone,\xa31.20\n', 'latin1')), decoders);
    expect(d.ok && d.encoding).toBe('windows-1252');
  });

  it('StreamDecoder keeps characters split between chunks and counts undecodable bytes', () => {
    const bytes = legacyEncoder('gbk')('客户,金额\n张三,12\n');
    const decoder = new StreamDecoder(decoders, 'gb18030');
    const text = [...bytes].map((b) => decoder.decode(new Uint8Array([b]))).join('') + decoder.finish();
    expect(text).toBe('客户,金额\n张三,12\n');
    expect(decoder.replacements).toBe(0);
    const wrong = new StreamDecoder(decoders, 'utf-8');
    wrong.decode(new Uint8Array([0x61, 0x62]));
    wrong.decode(bytes);
    expect(wrong.replacements).toBeGreaterThan(0);
    expect(wrong.firstReplacementChunkAt).toBe(2);
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const d = detectEncoding(bytes, decoders);
        if (d.ok) expect(d.candidates[0].encoding).toBe(d.encoding);
      }),
    );
  });
});
