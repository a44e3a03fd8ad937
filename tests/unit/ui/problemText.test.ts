import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parsePlanFile, type FileProblem } from '../../../src/engine/planFile';
import { i18n } from '../../../src/state/i18n.svelte';
import { problemText } from '../../../src/ui/files/problemText';
import { edit, fileOf } from '../planFile/helpers';

const inFixture = JSON.parse(fileOf()).plan;

function refused(text: string): FileProblem[] {
  const r = parsePlanFile(text);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.problems;
}

// set() marks the page's language; the node test environment has no page, so it gets a stand-in.
beforeAll(async () => {
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  await i18n.need('fileProblems');
});
afterAll(async () => {
  await i18n.set('en', false);
  vi.unstubAllGlobals();
});

describe('a refused plan file, in words a planner can follow', () => {
  it('names the channel by number and name, the driver and the field, and keeps the JSON path for an editor', async () => {
    const problems = refused(edit(fileOf(), (f) => (f.plan.channels[1].drivers.aov.base = '180')));
    await i18n.set('zh-CN', false);
    expect(problems.map(problemText)).toEqual([`渠道 2“${inFixture.channels[1].name}” · 客单价 · 基准值：应为数字，实际为文字。（文件中的位置：plan.channels[1].drivers.aov.base）`]);
    await i18n.set('en', false);
    expect(problems.map(problemText)).toEqual([`Channel 2 “${inFixture.channels[1].name}” · Average order value · base value: Expected a number, found text. (in the file at plan.channels[1].drivers.aov.base)`]);
  });

  it('says a seasonal index by its month of the year', async () => {
    await i18n.set('zh-CN', false);
    const texts = refused(
      edit(fileOf(), (f) => (f.plan.channels[0].drivers.conversion.seasonality = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 'x'])),
    ).map(problemText);
    const name = inFixture.channels[0].name;
    expect(texts).toEqual([`渠道 1“${name}” · 转化率 · 季节性第 12 个月：应为数字，实际为文字。（文件中的位置：plan.channels[0].drivers.conversion.seasonality[11]）`]);
  });

  it('a value out of range in a typed month says the month', async () => {
    await i18n.set('zh-CN', false);
    const texts = refused(edit(fileOf(), (f) => (f.plan.channels[0].drivers.spend.overrides = { '2027-03': -5 }))).map(problemText);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(new RegExp(`^渠道 1“${inFixture.channels[0].name}” · 营销投入 · 2027年3月的手动输入值：超出范围：`));
  });

  it('stops the words at a step it has no name for; the JSON path says the rest', async () => {
    await i18n.set('zh-CN', false);
    const texts = refused(edit(fileOf(), (f) => (f.plan.scenarios[0].adjustments[0].op.kind = 'double'))).map(problemText);
    expect(texts).toEqual([`情景 1“${inFixture.scenarios[0].name}” · 调整 1：不是允许的取值。（文件中的位置：plan.scenarios[0].adjustments[0].op.kind）`]);
  });

  it('a scenario switched on with "yes" says which adjustment, and that true or false is wanted', async () => {
    await i18n.set('zh-CN', false);
    const texts = refused(edit(fileOf(), (f) => (f.plan.scenarios[0].adjustments[0].enabled = 'yes'))).map(problemText);
    expect(texts).toEqual([`情景 1“${inFixture.scenarios[0].name}” · 调整 1 · 启用与否：应为是/否（true 或 false），实际为文字。（文件中的位置：plan.scenarios[0].adjustments[0].enabled）`]);
  });

  it('a channel without a usable name is said by number only; a name is text, never markup, and is cut short', async () => {
    await i18n.set('en', false);
    const long = '<b>x</b>'.repeat(30);
    const texts = refused(
      edit(fileOf(), (f) => {
        f.plan.channels[0].name = 42;
        f.plan.channels[1].name = long;
        f.plan.channels[1].drivers.aov.base = null;
      }),
    ).map(problemText);
    expect(texts).toEqual([
      'Channel 1 · name: Expected text, found a number. (in the file at plan.channels[0].name)',
      `Channel 2 “${long.slice(0, 80)}” · Average order value · base value: Expected a number, found nothing (null). (in the file at plan.channels[1].drivers.aov.base)`,
    ]);
  });

  it('a channel named as an earlier one says which, and what to do', async () => {
    await i18n.set('zh-CN', false);
    const r = parsePlanFile(edit(fileOf(), (f) => (f.plan.channels[3].name = f.plan.channels[1].name)));
    if (!r.ok) throw new Error('expected the file to be imported');
    const name = inFixture.channels[1].name;
    expect(r.warnings.map(problemText)).toEqual([`渠道 4“${name}” · 名称：与渠道 2 同名（“${name}”）：图表和实际数据的对应无法区分它们，请为其中一个改名。（文件中的位置：plan.channels[3].name）`]);
  });

  it('a problem of the file as a whole, or outside the plan, reads as before', async () => {
    await i18n.set('en', false);
    expect(refused('[]').map(problemText)).toEqual(['Not a plan file.']);
    expect(refused(edit(fileOf(), (f) => (f.formatVersion = 'one'))).map(problemText)).toEqual(['formatVersion: The file’s format version “string” is not valid.']);
  });
});
