/**
 * The styles part of the app's XLSX files: the number format of each kind of cell, bold headers and
 * totals, and the style index (`s`) every cell refers to. Only the styles a workbook uses are written.
 */
import { currencyDigits } from '../../engine/money';
import type { NumberFormat } from './cells';

/** Excel's built-in formats: they need no <numFmt> entry and every reader knows them. */
const BUILTIN: Readonly<Record<string, number>> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

const symbolCache = new Map<string, string>();

/** The currency's symbol as the app shows it (¥ for CNY and JPY, $ for USD, € for EUR). */
export function currencySymbol(currency: string): string {
  let s = symbolCache.get(currency);
  if (s === undefined) {
    try {
      const parts = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(1);
      s = parts.find((p) => p.type === 'currency')?.value ?? currency;
    } catch {
      s = currency;
    }
    symbolCache.set(currency, s);
  }
  return s;
}

function decimals(digits: number): string {
  return digits > 0 ? `.${'0'.repeat(digits)}` : '';
}

/**
 * Excel format code of a number format: money with the currency's symbol and minor digits
 * (`"¥"#,##0.00` for CNY, `"¥"#,##0` for JPY), `0.00%` for percentages, `#,##0` for counts.
 */
export function formatCode(format: NumberFormat): string {
  switch (format.kind) {
    case 'money':
      // The symbol is quoted literal text; a quote inside it would end the literal.
      return `"${currencySymbol(format.currency).replace(/"/g, '')}"#,##0${decimals(currencyDigits(format.currency))}`;
    case 'percent':
      return '0.00%';
    case 'integer':
    case 'count':
      return '#,##0';
    case 'decimal':
      return `#,##0${decimals(format.digits)}`;
  }
}

export type CellRole = 'header' | 'body' | 'total';

/** Collects the (format, role) pairs a workbook uses and gives each its cellXfs index. */
export class StyleBook {
  #custom = new Map<string, number>();
  #xfs: { numFmtId: number; role: CellRole }[] = [{ numFmtId: 0, role: 'body' }];
  #index = new Map<string, number>([['0|body', 0]]);

  /** Style index of a cell: 0 (General, plain) needs no `s` attribute. */
  style(code: string, role: CellRole): number {
    let numFmtId = BUILTIN[code];
    if (numFmtId === undefined) {
      numFmtId = this.#custom.get(code) ?? 164 + this.#custom.size;
      this.#custom.set(code, numFmtId);
    }
    const key = `${numFmtId}|${role}`;
    let i = this.#index.get(key);
    if (i === undefined) {
      i = this.#xfs.length;
      this.#xfs.push({ numFmtId, role });
      this.#index.set(key, i);
    }
    return i;
  }

  xml(escape: (s: string) => string): string {
    const numFmts = [...this.#custom].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escape(code)}"/>`);
    const xf = ({ numFmtId, role }: { numFmtId: number; role: CellRole }): string => {
      // Font 1 is bold; fill 2 is the header's light grey; border 1 is a thin line under the header.
      const font = role === 'body' ? 0 : 1;
      const fill = role === 'header' ? 2 : 0;
      const border = role === 'header' ? 1 : role === 'total' ? 2 : 0;
      const apply = `${numFmtId ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${border ? ' applyBorder="1"' : ''}`;
      const align = role === 'header' ? ' applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' : '/>';
      return `<xf numFmtId="${numFmtId}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${apply}${align}`;
    };
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
      '<fill><patternFill patternType="solid"><fgColor rgb="FFF1F5F9"/><bgColor indexed="64"/></patternFill></fill></fills>' +
      '<borders count="3"><border><left/><right/><top/><bottom/><diagonal/></border>' +
      '<border><left/><right/><top/><bottom style="thin"><color rgb="FF94A3B8"/></bottom><diagonal/></border>' +
      '<border><left/><right/><top style="thin"><color rgb="FF94A3B8"/></top><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.#xfs.length}">${this.#xfs.map(xf).join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}
