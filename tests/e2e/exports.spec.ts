import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { csvRows } from './downloads';
import { expect, test, watchLibraries } from './fixtures';

/** The first sheet read by SheetJS (an independent reader), with the number formats. */
function xlsxSheet(bytes: Buffer): { ws: XLSX.WorkSheet; rows: unknown[][] } {
  const wb = XLSX.read(bytes, { type: 'buffer', cellNF: true });
  const ws = wb.Sheets[wb.SheetNames[0]];
  return { ws, rows: XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null, raw: true }) };
}

/** Number cells of a column (0-based), below the header. */
function columnCells(ws: XLSX.WorkSheet, col: number, rows: number): XLSX.CellObject[] {
  return Array.from({ length: rows }, (_, r) => ws[XLSX.utils.encode_cell({ r: r + 1, c: col })] as XLSX.CellObject);
}

/** "¥134,660,310" or "-¥1,234.50" as a number of yuan. */
function yuanOf(text: string): number {
  return Number(text.replace(/[¥,\s]/g, '').replace('−', '-'));
}

test.describe('exports a finance colleague can use', () => {
  test('the channel and period grids export and copy every row and the total, with typed numbers', async ({ page, context, planner: p }) => {
    const libraryMessages = watchLibraries(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await p.open('en');
    await p.newPlan('beauty');
    const names = await p.columnTexts('channel-grid', 'name');
    expect(names.length).toBeGreaterThanOrEqual(4);
    const screenSpend = yuanOf((await p.cell('channel-grid', 0, 'driver.spend').textContent()) ?? '');
    // Result columns are to the right: scrolled into view until the grid has drawn them.
    const screenNet = yuanOf(await p.readCell('channel-grid', 0, 'metric.netRevenue'));
    const kpiNet = await p.kpi('netRevenue');

    // CSV: every channel and the total; money as plain numbers that equal the app's figures.
    const csv = csvRows((await p.download('channels-export-csv')).bytes);
    expect(csv.map((r) => r[0])).toEqual(['Channel', ...names, 'Total']);
    const netCol = csv[0].indexOf('Net revenue');
    const convCol = csv[0].indexOf('Conversion');
    for (const row of csv.slice(1)) {
      expect(row[netCol]).toMatch(/^-?\d+(\.\d{1,2})?$/);
    }
    for (const row of csv.slice(1, -1)) expect(row[convCol]).toMatch(/^0(\.\d{1,6})?$/);
    expect(Math.round(Number(csv[1][netCol]))).toBe(screenNet);
    expect(Number(csv[1][csv[0].indexOf('Spend')])).toBe(screenSpend);
    expect(Math.round(Number(csv.at(-1)?.[netCol]) * 100)).toBe(kpiNet);
    const sum = csv.slice(1, -1).reduce((a, r) => a + Math.round(Number(r[netCol]) * 100), 0);
    expect(sum).toBe(kpiNet);

    // Excel: the same rows; money and rates are numbers with formats; the header stays frozen.
    const xlsx = await p.download('channels-export-xlsx');
    expect(xlsx.name).toMatch(/ - Channels\.xlsx$/);
    const { ws, rows } = xlsxSheet(xlsx.bytes);
    expect(rows.map((r) => r[0])).toEqual(['Channel', ...names, 'Total']);
    for (const cell of columnCells(ws, netCol, names.length + 1)) {
      expect(cell.t).toBe('n');
      expect(cell.z).toBe('"¥"#,##0.00');
    }
    for (const cell of columnCells(ws, convCol, names.length)) {
      expect(cell.t).toBe('n');
      expect(cell.z).toBe('0.00%');
    }
    expect(Math.round((rows.at(-1)?.[netCol] as number) * 100)).toBe(kpiNet);
    const sheetXml = (await import('fflate')).strFromU8((await import('fflate')).unzipSync(xlsx.bytes)['xl/worksheets/sheet1.xml']);
    expect(sheetXml).toContain('state="frozen"');
    console.log(`channels.xlsx as read back:\n${rows.map((r) => r.slice(0, 6).concat(r.slice(netCol, netCol + 3)).join(' | ')).join('\n')}`);

    // Copy table: every row on the clipboard, and the message says so.
    await page.getByTestId('channels-export-copy').click();
    await expect(p.toastWith(`Copied ${names.length + 1} rows`)).toBeVisible();
    const copied = Papa.parse<string[]>(await page.evaluate(() => navigator.clipboard.readText()), { delimiter: '\t', skipEmptyLines: true }).data;
    expect(copied.map((r) => r[0])).toEqual(['Channel', ...names, 'Total']);
    expect(copied[1][netCol]).toBe(csv[1][netCol]);
    expect(copied[1][convCol]).toMatch(/^\d+(\.\d+)?%$/);

    // Period grid, net revenue by month: every channel, every month, the total row.
    await page.getByTestId('tab-periods').click();
    await page.getByTestId('period-select').selectOption('metric:netRevenue');
    await expect(p.cell('period-grid', 0, 'b.2027-01')).not.toHaveText('');
    const janScreen = yuanOf((await p.cell('period-grid', 0, 'b.2027-01').textContent()) ?? '');
    const periodsFile = await p.download('periods-export-csv');
    // The file says which figure it holds.
    expect(periodsFile.name).toMatch(/ - Periods - Net revenue\.csv$/);
    const periods = csvRows(periodsFile.bytes);
    expect(periods.map((r) => r[0])).toEqual(['Channel', ...names, 'Total']);
    // 24 months and the whole-plan column.
    expect(periods[0]).toHaveLength(1 + 24 + 1);
    expect(Math.round(Number(periods[1][1]))).toBe(janScreen);
    // Months add up to the channel grid's figure and to the row's total column, channels to the
    // total row, to the fen.
    names.forEach((_, c) => {
      const months = periods[c + 1].slice(1, 25).reduce((a, v) => a + Math.round(Number(v) * 100), 0);
      expect(months).toBe(Math.round(Number(csv[c + 1][netCol]) * 100));
      expect(Math.round(Number(periods[c + 1][25]) * 100)).toBe(months);
    });
    const totals = periods.at(-1)?.slice(1, 25).reduce((a, v) => a + Math.round(Number(v) * 100), 0);
    expect(totals).toBe(kpiNet);
    expect(Math.round(Number(periods.at(-1)?.[25]) * 100)).toBe(kpiNet);
    const periodXlsx = xlsxSheet((await p.download('periods-export-xlsx')).bytes);
    expect(periodXlsx.rows).toHaveLength(names.length + 2);
    for (let c = 1; c <= 25; c++) {
      const cell = periodXlsx.ws[XLSX.utils.encode_cell({ r: names.length + 1, c })] as XLSX.CellObject;
      expect(cell.t).toBe('n');
      expect(cell.z).toBe('"¥"#,##0.00');
    }
    await page.getByTestId('periods-export-copy').click();
    await expect(p.toastWith(`Copied ${names.length + 1} rows`)).toBeVisible();

    expect(libraryMessages).toEqual([]);
  });

  test('a scenario’s adjustments export every adjustment with percentages and money typed', async ({ page, context, planner: p }) => {
    const libraryMessages = watchLibraries(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await p.open('en');
    await p.newPlan('beauty');
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    for (let i = 0; i < 3; i++) await page.getByTestId('adjustment-add').click();
    await expect(page.getByTestId('adjustment-list').locator('li')).toHaveCount(3);
    // The third sets spend to ¥500,000 a month.
    const grid = page.getByTestId('adjustment-grid');
    await grid.locator('.ag-row[row-index="2"] [col-id="op"]').first().click();
    await p.paste('adjustment-grid', 'Set to');
    await expect(grid.locator('.ag-row[row-index="2"] [col-id="op"]').first()).toHaveText('Set to');
    await grid.locator('.ag-row[row-index="2"] [col-id="number"]').first().click();
    await p.paste('adjustment-grid', '500000');
    await expect(grid.locator('.ag-row[row-index="2"] [col-id="number"]').first()).toHaveText('¥500,000');

    const csv = csvRows((await p.download('adjustments-export-csv')).bytes);
    expect(csv).toHaveLength(4);
    const number = csv[0].indexOf('Amount');
    expect(csv.slice(1).map((r) => r[number])).toEqual(['0.1', '0.1', '500000']);
    const { ws, rows } = xlsxSheet((await p.download('adjustments-export-xlsx')).bytes);
    expect(rows).toHaveLength(4);
    const cells = columnCells(ws, number, 3);
    expect(cells.map((c) => [c.t, c.v, c.z])).toEqual([['n', 0.1, '0.00%'], ['n', 0.1, '0.00%'], ['n', 500000, '"¥"#,##0.00']]);
    await page.getByTestId('adjustments-export-copy').click();
    await expect(p.toastWith('Copied 3 rows')).toBeVisible();
    const copied = (await page.evaluate(() => navigator.clipboard.readText())).trim().split(/\r?\n/);
    expect(copied).toHaveLength(4);
    expect(copied[3].split('\t')[number]).toBe('500000');
    expect(libraryMessages).toEqual([]);
  });

  test('"Export plan to Excel" writes one workbook with a sheet per view, every row, typed numbers', async ({ page, planner: p }) => {
    const libraryMessages = watchLibraries(page);
    await p.open('en');
    await p.newPlan('beauty');
    const names = await p.columnTexts('channel-grid', 'name');
    const kpiNet = await p.kpi('netRevenue');
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('adjustment-add').click();
    await expect(page.getByTestId('adjustment-list').locator('li')).toHaveCount(1);

    const file = await p.download('plan-export-xlsx');
    expect(file.name).toMatch(/\.xlsx$/);
    const wb = XLSX.read(file.bytes, { type: 'buffer', cellNF: true });
    expect(wb.SheetNames).toEqual(['Channels', 'Spend by month', 'Net revenue by month', 'Gross profit by month', 'Channel cost by month', 'Contribution by month', 'Orders by month', 'ROI by month', 'Scenarios', 'Assumptions']);
    const rows = (name: string): unknown[][] => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, defval: null, raw: true });
    const channels = rows('Channels');
    expect(channels.map((r) => r[0])).toEqual(['Channel', ...names, 'Total']);
    const net = rows('Net revenue by month');
    expect(net.map((r) => r[0])).toEqual(['Channel', ...names, 'Total']);
    expect(net[0]).toHaveLength(1 + 24 + 1);
    expect(Math.round((net.at(-1)?.at(-1) as number) * 100)).toBe(kpiNet);
    const cell = wb.Sheets['Net revenue by month'].B2;
    expect([cell.t, cell.z]).toEqual(['n', '"¥"#,##0.00']);
    const scenarios = rows('Scenarios');
    expect(scenarios[0]).toEqual(['Metric', 'Baseline', 'Scenario 1', 'Scenario 1 Δ', 'Scenario 1 Δ %']);
    expect(Math.round((scenarios.find((r) => r[0] === 'Net revenue')?.[1] as number) * 100)).toBe(kpiNet);
    const assumptions = rows('Assumptions');
    expect(assumptions.find((r) => r[0] === 'Currency')?.[1]).toBe('CNY');
    console.log(`plan workbook, "Scenarios" sheet as read back:\n${scenarios.map((r) => r.join(' | ')).join('\n')}`);
    expect(libraryMessages).toEqual([]);
  });

  test('in Chinese: the same typed numbers, Chinese headers and sheet names', async ({ page, planner: p }) => {
    const libraryMessages = watchLibraries(page);
    await p.open('zh-CN');
    await p.newPlan('beauty');
    const names = await p.columnTexts('channel-grid', 'name');
    const kpiNet = await p.kpi('netRevenue');
    const { ws, rows } = xlsxSheet((await p.download('channels-export-xlsx')).bytes);
    expect(rows.map((r) => r[0])).toEqual(['渠道', ...names, '合计']);
    const net = (rows[0] as string[]).indexOf('净收入');
    expect(Math.round((rows.at(-1)?.[net] as number) * 100)).toBe(kpiNet);
    expect(columnCells(ws, net, names.length + 1).every((c) => c.t === 'n' && c.z === '"¥"#,##0.00')).toBe(true);
    const wb = XLSX.read((await p.download('plan-export-xlsx')).bytes, { type: 'buffer', cellNF: true });
    expect(wb.SheetNames).toEqual(['渠道', '营销投入（按月）', '净收入（按月）', '毛利（按月）', '渠道成本（按月）', '贡献利润（按月）', '订单数（按月）', 'ROI（按月）', '情景对比', '假设']);
    expect(wb.Sheets['净收入（按月）'].B1.v).toBe('2027年1月');
    expect(libraryMessages).toEqual([]);
  });

  test('a chart image has its title and none of the pointer’s hover state', async ({ page, planner: p }) => {
    const libraryMessages = watchLibraries(page);
    await p.open('en');
    await p.newPlan('beauty');
    const chart = page.getByTestId('chart-by-channel');
    await chart.scrollIntoViewIfNeeded();
    await expect(chart).toHaveAttribute('data-rendered', /\d+/);
    const width = await chart.evaluate((el) => el.clientWidth);
    const height = await chart.evaluate((el) => el.clientHeight);

    // Saved before and after hovering a bar: the hover really shows on screen (a tooltip), and
    // the two files are the same image.
    await chart.scrollIntoViewIfNeeded();
    const before = await p.download('chart-by-channel-png');
    const box = await chart.boundingBox();
    if (!box) throw new Error('chart not laid out');
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.move(box.x + box.width * 0.32, box.y + box.height * 0.5);
    const tooltip = chart.locator('div').filter({ hasText: /¥/ }).last();
    await expect(tooltip).toBeVisible();
    // The save buttons sit on the chart: reach them by keyboard so the pointer stays on the bar.
    await page.getByTestId('chart-by-channel-png').focus();
    await expect(tooltip).toBeVisible();
    const wait = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const after = await readFile(await (await wait).path());
    expect(after.equals(before.bytes)).toBe(true);

    // Twice the size on screen, plus the title band; the band holds dark text, the chart below it.
    const image = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      const dark = (x0: number, y0: number, w: number, h: number): number => {
        const d = ctx.getImageData(x0, y0, w, h).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 80 && d[i + 1] < 80 && d[i + 2] < 80) n++;
        return n;
      };
      return { width: img.width, height: img.height, titleInk: dark(0, 0, img.width, 80), corner: [...ctx.getImageData(img.width - 1, img.height - 1, 1, 1).data] };
    }, before.bytes.toString('base64'));
    expect(image.width).toBe(width * 2);
    expect(image.height).toBe((height + 40) * 2);
    expect(image.titleInk).toBeGreaterThan(200);
    expect(image.corner).toEqual([255, 255, 255, 255]);

    const svg = (await p.download('chart-by-channel-svg')).bytes.toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('>Net revenue and contribution by channel</text>');
    expect(libraryMessages).toEqual([]);
  });
});
