import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as XLSX from 'xlsx';
import { calibrationPoint, predictLift, proportionSampleSize, type PlannedChange } from '../../src/engine/experiments';
import { createPlanFromTemplate } from '../../src/engine/templates';
import { csvRows } from './downloads';
import { expect, test, watchLibraries } from './fixtures';

const R = JSON.parse(readFileSync(new URL('../fixtures/experiments/reference-r.json', import.meta.url), 'utf8'));
const PY = JSON.parse(readFileSync(new URL('../fixtures/experiments/reference-py.json', import.meta.url), 'utf8'));

test.describe('测试与试点', () => {
  test('为直播带货在二线城市加投 20% 设计测试，录入结果并转成响应曲线的校准点', async ({ page, planner: p }) => {
    const libraryMessages = watchLibraries(page);
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await page.getByTestId('tab-optimise').click();
    const panel = page.getByTestId('experiments');
    await expect(panel.getByRole('heading', { name: '测试与试点' })).toBeVisible();

    // The designer starts on the live-stream channel; the change is spend +20 % in tier-2 cities.
    const channel = page.getByTestId('exp-channel');
    await expect(channel.locator('option:checked')).toHaveText('抖音直播带货');
    await page.getByTestId('exp-driver').selectOption('spend');
    await expect(page.getByTestId('exp-driver').locator('option:checked')).toHaveText('营销投入');
    await page.getByTestId('exp-change').fill('20%');
    await page.getByTestId('exp-change').press('Enter');
    await page.getByTestId('exp-region').selectOption('tier2');
    await expect(page.getByTestId('exp-region').locator('option:checked')).toHaveText('新一线及二线城市');
    const month = await page.getByTestId('exp-month').inputValue();

    // The plan's predicted lift and the sample size, against the engine on the same plan and an
    // independent closed form of R's power.prop.test (z quantiles for α = 5 %, power 80 %).
    const plan = createPlanFromTemplate('beauty', { id: 'x', now: 0, locale: 'zh-CN' });
    const live = plan.channels.find((c) => c.type === 'liveStream')!;
    const change: PlannedChange = { channelId: live.id, driver: 'spend', percent: 20, regionId: 'tier2', month, scenarioId: null };
    const lift = predictLift(plan, change);
    if (typeof lift === 'string') throw new Error(lift);
    await expect.poll(async () => Number(await page.getByTestId('exp-predicted').getAttribute('data-lift'))).toBeCloseTo(lift.ordersLift, 10);
    await expect(page.getByTestId('exp-predicted')).toContainText('计划预测');
    const p1 = lift.conversion;
    const p2 = p1 * (1 + lift.ordersLift);
    const [za, zb] = [1.959963984540054, 0.8416212335729143];
    const closedForm = ((za * Math.sqrt(2 * ((p1 + p2) / 2) * (1 - (p1 + p2) / 2)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) / (p2 - p1)) ** 2;
    const expectedN = Math.ceil(proportionSampleSize(p1, p2, 0.05, 0.8, 'pooled')!);
    expect(expectedN).toBe(Math.ceil(closedForm));
    const sample = page.getByTestId('exp-sample');
    await expect(sample).toHaveAttribute('data-n', String(expectedN));
    await expect(sample).toHaveText(`${expectedN.toLocaleString('zh-CN')}（共 ${(2 * expectedN).toLocaleString('zh-CN')}）`);
    // The arcsine form (R pwr / statsmodels) asks for a few fewer.
    await page.getByTestId('exp-method').selectOption('arcsine');
    await expect(sample).toHaveAttribute('data-n', String(Math.ceil(proportionSampleSize(p1, p2, 0.05, 0.8, 'arcsine')!)));
    await page.getByTestId('exp-method').selectOption('pooled');

    // Duration from the tier-2 row's monthly traffic, and the peeking warning for daily looks.
    const days = Number(await page.getByTestId('exp-duration').getAttribute('data-days'));
    expect(days).toBeCloseTo(((2 * expectedN) / lift.before.traffic) * (365.25 / 12), 6);
    const peek = page.getByTestId('exp-peeking');
    await expect(peek).toContainText('每天查看 p 值');
    expect(Number(await peek.getAttribute('data-looks'))).toBe(Math.ceil(days));
    expect(Number(await peek.getAttribute('data-rate'))).toBeGreaterThan(0.2);
    await expect(page.getByTestId('exp-cost')).toContainText('¥');

    // Observed counts (a case of the R and statsmodels references): significance and intervals.
    const ref = R.propTests[3];
    const py = PY.propTests[3];
    await page.getByTestId('exp-control-units').fill(String(ref.controlUnits));
    await page.getByTestId('exp-control-conv').fill(String(ref.controlConversions));
    await page.getByTestId('exp-test-units').fill(String(ref.testUnits));
    await page.getByTestId('exp-test-conv').fill(String(ref.testConversions));
    await page.getByTestId('exp-test-conv').press('Enter');
    const significance = page.getByTestId('exp-significance');
    await expect(significance).toContainText('在 95% 置信水平下显著');
    expect(Math.abs(Number(await significance.getAttribute('data-p')) - ref.p)).toBeLessThan(1e-9);
    const diff = page.getByTestId('exp-ci-diff');
    expect(Math.abs(Number(await diff.getAttribute('data-low')) - ref.differenceLow)).toBeLessThan(1e-9);
    expect(Math.abs(Number(await diff.getAttribute('data-high')) - ref.differenceHigh)).toBeLessThan(1e-9);
    const rel = page.getByTestId('exp-ci-rel');
    const low = Number(await rel.getAttribute('data-low'));
    const high = Number(await rel.getAttribute('data-high'));
    expect(Math.abs(low - py.relativeLow)).toBeLessThan(1e-9);
    expect(Math.abs(high - py.relativeHigh)).toBeLessThan(1e-9);
    // The interval as the user reads it: "+30%；95% 置信区间 +xx% 至 +yy%".
    const pctText = (v: number): string => `+${(v * 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;
    await expect(rel).toContainText(`95% 置信区间 ${pctText(low)} 至 ${pctText(high)}`);

    // The export reads back with the sample size and the interval as numbers.
    const wait = page.waitForEvent('download');
    await page.getByTestId('exp-export-csv').click();
    const rows = csvRows(await readFile(await (await wait).path()));
    expect(rows[0]).toEqual(['项目', '内容']);
    expect(Number(rows.find((r) => r[0] === '每组样本量')?.[1])).toBe(expectedN);
    const waitX = page.waitForEvent('download');
    await page.getByTestId('exp-export-xlsx').click();
    const wb = XLSX.read(await readFile(await (await waitX).path()), { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true });
    const cell = (label: string): unknown => sheet.find((r) => r[0] === label)?.[1];
    expect(cell('每组样本量')).toBe(expectedN);
    expect(Math.abs((cell('相对提升：区间下限') as number) - py.relativeLow)).toBeLessThan(1e-6);

    // One click turns the observed lift into a point of the live-stream curve; it shows in the
    // calibration panel, and it is one undoable edit.
    const point = calibrationPoint(lift, ref.testConversions / ref.controlConversions - 1)!;
    await page.getByTestId('exp-use-point').click();
    await page.getByTestId('cal-channel').selectOption({ label: '抖音直播带货' });
    const points = page.getByTestId('cal-points');
    await expect(points).toHaveValue(`${point.spend / 100}, ${point.outcome}`);
    await page.getByTestId('undo').click();
    await expect(points).toHaveValue('');
    await page.getByTestId('redo').click();
    await expect(points).toHaveValue(`${point.spend / 100}, ${point.outcome}`);
    expect(libraryMessages).toEqual([]);
  });
});
