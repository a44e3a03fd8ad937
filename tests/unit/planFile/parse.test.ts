import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CURRENT_FORMAT_VERSION,
  DEFAULT_LIMITS,
  PLAN_FILE_PROBLEM_CODES,
  asImportedPlan,
  fileSizeProblem,
  parsePlanFile,
  type FileProblem,
  type ParsePlanFileResult,
} from '../../../src/engine/planFile';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { edit, fileOf, readFixture } from './helpers';

function problems(result: ParsePlanFileResult): FileProblem[] {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

function imported(result: ParsePlanFileResult) {
  if (!result.ok) throw new Error(`expected the file to read: ${JSON.stringify(result.problems)}`);
  return result;
}

/** The fixture's plan as the file holds it: the names a problem's `names` must carry. */
const inFixture = JSON.parse(fileOf()).plan;

const PNG_START = String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52);

afterEach(() => vi.restoreAllMocks());

describe('parsePlanFile: not a plan file', () => {
  it.each(['', '   \n\t'])('case 16: an empty file (%j) is refused', (text) => {
    expect(problems(parsePlanFile(text))).toEqual([{ code: 'emptyFile', path: [] }]);
  });

  it('case 16: truncated JSON is refused, saying where it ends', () => {
    const text = fileOf();
    const cut = text.slice(0, Math.floor(text.length / 2));
    const [p] = problems(parsePlanFile(cut));
    expect(p.code).toBe('invalidJson');
    expect(p.params).toMatchObject({ atEnd: 1, offset: cut.length, line: cut.split('\n').length });
  });

  it('case 16: a PNG renamed to .cmplan.json is refused at its first byte', () => {
    expect(problems(parsePlanFile(PNG_START + '\u0000\u0000IDATx\u009c'))).toEqual([
      { code: 'invalidJson', path: [], params: { line: 1, column: 1, offset: 0, atEnd: 0 } },
    ]);
  });

  it('case 16: a syntax error names its line and column', () => {
    const text = '{\n  "type": "channel-mix-plan",\n  "formatVersion": 1,,\n}';
    expect(problems(parsePlanFile(text))[0]).toEqual({ code: 'invalidJson', path: [], params: { line: 3, column: 22, offset: 53, atEnd: 0 } });
  });

  it.each([
    ['42', 'number'],
    ['[]', 'array'],
    ['null', 'null'],
    ['"channel-mix-plan"', 'string'],
  ])('case 16: JSON that is not an object (%s) is not a plan file', (text, found) => {
    expect(problems(parsePlanFile(text))).toEqual([{ code: 'notPlanFile', path: [], params: { found } }]);
  });

  it('case 20: NaN is not JSON, so a file holding it is refused as such', () => {
    const text = fileOf().replace('"rate": 0.15', '"rate": NaN');
    expect(problems(parsePlanFile(text))[0].code).toBe('invalidJson');
  });
});

describe('parsePlanFile: envelope', () => {
  it('case 17: a wrong type is refused with what was found', () => {
    const text = edit(fileOf(), (f) => (f.type = 'excalidraw'));
    expect(problems(parsePlanFile(text))).toEqual([{ code: 'notPlanFile', path: ['type'], params: { found: 'excalidraw' } }]);
    const missing = edit(fileOf(), (f) => delete f.type);
    expect(problems(parsePlanFile(missing))).toEqual([{ code: 'notPlanFile', path: ['type'], params: { found: 'undefined' } }]);
  });

  it('case 17: a missing formatVersion is its own typed problem', () => {
    const text = edit(fileOf(), (f) => delete f.formatVersion);
    expect(problems(parsePlanFile(text))).toEqual([{ code: 'missingFormatVersion', path: ['formatVersion'] }]);
  });

  it.each([['1', 'string'], [1.5, 1.5], [0, 0], [-3, -3], [null, 'null']])('case 17: formatVersion %j is not a version', (version, found) => {
    const text = edit(fileOf(), (f) => (f.formatVersion = version));
    expect(problems(parsePlanFile(text))).toEqual([{ code: 'invalidFormatVersion', path: ['formatVersion'], params: { found } }]);
  });

  it('case 18: a newer formatVersion is refused without reading the plan, whatever it holds', () => {
    const text = edit(fileOf(), (f) => {
      f.formatVersion = 7;
      f.plan = { anything: 'a future version may write' };
    });
    expect(problems(parsePlanFile(text))).toEqual([{ code: 'newerVersion', path: ['formatVersion'], params: { found: 7, supported: CURRENT_FORMAT_VERSION } }]);
  });

  it('a missing plan is a problem; a missing or odd app is only a warning', () => {
    expect(problems(parsePlanFile(edit(fileOf(), (f) => delete f.plan)))).toEqual([{ code: 'required', path: ['plan'] }]);
    expect(imported(parsePlanFile(edit(fileOf(), (f) => delete f.app))).warnings).toEqual([{ code: 'required', path: ['app'] }]);
    const odd = imported(parsePlanFile(edit(fileOf(), (f) => (f.app = 'cmp 0.1'))));
    expect(odd.warnings).toEqual([{ code: 'invalidValue', path: ['app'] }]);
    expect(odd.source.app).toBeNull();
  });

  it('reads a file saved with a UTF-8 byte order mark', () => {
    expect(imported(parsePlanFile('\ufeff' + fileOf())).warnings).toEqual([]);
  });
});

describe('parsePlanFile: every field', () => {
  it('case 20: a missing field is reported with its path', () => {
    const text = edit(fileOf(), (f) => delete f.plan.channels[2].drivers.aov);
    expect(problems(parsePlanFile(text))).toEqual([{ code: 'required', path: ['plan', 'channels', 2, 'drivers', 'aov'], names: { 2: inFixture.channels[2].name } }]);
  });

  it('case 20: a value of the wrong type is reported with its path, not converted', () => {
    const text = edit(fileOf(), (f) => {
      f.plan.channels[1].drivers.aov.base = '180';
      f.plan.scenarios[0].adjustments[0].enabled = 'yes';
      f.plan.regions = { tier1: 'Tier 1' };
    });
    expect(problems(parsePlanFile(text))).toEqual([
      { code: 'wrongType', path: ['plan', 'regions'], params: { expected: 'array', found: 'object' } },
      { code: 'wrongType', path: ['plan', 'channels', 1, 'drivers', 'aov', 'base'], params: { expected: 'number', found: 'string' }, names: { 2: inFixture.channels[1].name } },
      // An adjustment has no name: only the scenario's is said.
      { code: 'wrongType', path: ['plan', 'scenarios', 0, 'adjustments', 0, 'enabled'], params: { expected: 'boolean', found: 'string' }, names: { 2: inFixture.scenarios[0].name } },
    ]);
  });

  it('case 20: words outside their list and a list where an object belongs are refused', () => {
    const text = edit(fileOf(), (f) => {
      f.plan.channels[0].type = 'pyramidScheme';
      f.plan.scenarios[1].adjustments[0].op.kind = 'double';
      f.plan.evaluation = [];
    });
    expect(problems(parsePlanFile(text))).toEqual([
      { code: 'invalidValue', path: ['plan', 'channels', 0, 'type'], params: { value: 'pyramidScheme' }, names: { 2: inFixture.channels[0].name } },
      { code: 'invalidValue', path: ['plan', 'scenarios', 1, 'adjustments', 0, 'op', 'kind'], params: { value: 'double' }, names: { 2: inFixture.scenarios[1].name } },
      { code: 'wrongType', path: ['plan', 'evaluation'], params: { expected: 'object', found: 'array' } },
    ]);
  });

  it('case 20: Infinity (1e999 in JSON) is refused with its path', () => {
    const text = fileOf().replace('"rate": 0.15', '"rate": 1e999');
    expect(problems(parsePlanFile(text))).toEqual([{ code: 'notFinite', path: ['plan', 'cannibalisation', 0, 'rate'], params: { value: 'Infinity' } }]);
  });

  it('case 20: negative spend, rates over 100 %, bad dates and duplicate ids are listed together with their paths', () => {
    const text = edit(fileOf(), (f) => {
      f.plan.channels[0].drivers.spend.base = -100;
      f.plan.channels[1].drivers.conversion.base = 1.2;
      f.plan.channels[1].drivers.aov.overrides = { '2027-13': 100 };
      f.plan.timeline.start = '2027/01';
      f.plan.channels[3].id = f.plan.channels[2].id;
      f.plan.scenarios[0].adjustments[0].from = 'June';
      f.plan.uncertainty[1].id = f.plan.uncertainty[0].id;
    });
    const found = problems(parsePlanFile(text)).map((p) => [p.code, p.path.join('.')]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['outOfRange', 'plan.channels.0.drivers.spend.base'],
        ['outOfRange', 'plan.channels.1.drivers.conversion.base'],
        ['invalidValue', 'plan.channels.1.drivers.aov.overrides.2027-13'],
        ['invalidValue', 'plan.timeline.start'],
        ['duplicateId', 'plan.channels.3.id'],
        ['invalidValue', 'plan.scenarios.0.adjustments.0.from'],
        ['duplicateId', 'plan.uncertainty.1.id'],
      ]),
    );
  });

  it('case 20: a channel serving a region that does not exist is refused', () => {
    const text = edit(fileOf(), (f) => f.plan.channels[0].regions.push('mars'));
    expect(problems(parsePlanFile(text))).toEqual([
      { code: 'unknownRef', path: ['plan', 'channels', 0, 'regions', 3], params: { value: 'mars' }, names: { 2: inFixture.channels[0].name } },
    ]);
  });

  it('case 20: references the app itself leaves behind when a channel is removed are imported as they are, with warnings', () => {
    const text = edit(fileOf(), (f) => {
      f.plan.channels = f.plan.channels.filter((c: { id: string }) => c.id !== 'ch-douyin-live');
    });
    const result = imported(parsePlanFile(text));
    expect(result.warnings.map((w) => [w.code, w.path.join('.')])).toEqual([
      ['unknownRef', 'plan.scenarios.0.adjustments.0.target.ids.0'],
      ['unknownRef', 'plan.cannibalisation.0.from'],
      ['unknownRef', 'plan.uncertainty.1.channelId'],
      ['unknownRef', 'plan.budgetBounds.1.channelId'],
    ]);
    // Nothing was coerced away: the references are still there for the user to fix.
    expect(result.plan.cannibalisation).toEqual([{ from: 'ch-douyin-live', to: 'ch-stores', rate: 0.15 }]);
  });

  it('two channels of one name (in any case or spacing) are imported, with a warning on the later one naming the first', () => {
    const text = edit(fileOf(), (f) => {
      f.plan.channels[2].name = ` ${f.plan.channels[0].name.toUpperCase()} `;
      f.plan.channels[3].name = f.plan.channels[1].name;
    });
    const result = imported(parsePlanFile(text));
    expect(result.warnings.filter((w) => w.code === 'duplicateName')).toEqual([
      { code: 'duplicateName', path: ['plan', 'channels', 2, 'name'], params: { value: ` ${inFixture.channels[0].name.toUpperCase()} `, first: 1 }, names: { 2: inFixture.channels[0].name.toUpperCase() } },
      { code: 'duplicateName', path: ['plan', 'channels', 3, 'name'], params: { value: inFixture.channels[1].name, first: 2 }, names: { 2: inFixture.channels[1].name } },
    ]);
    // Nothing renamed: the file's names are kept for the user to change.
    expect(result.plan.channels.map((c) => c.name)).toEqual(JSON.parse(text).plan.channels.map((c: { name: string }) => c.name));
    expect(imported(parsePlanFile(fileOf())).warnings.filter((w) => w.code === 'duplicateName')).toEqual([]);
  });

  it('drops fields this version does not know, each with a warning', () => {
    const text = edit(fileOf(), (f) => {
      f.exportedAt = '2026-11-23T10:00:00Z';
      f.plan.workshopLayout = { columns: 3 };
      f.plan.channels[0].logo = 'data:image/png;base64,AAAA';
      f.plan.scenarios[0].adjustments[0].op.note = 'half again';
    });
    const result = imported(parsePlanFile(text));
    expect(result.warnings).toEqual([
      { code: 'unknownKey', path: ['exportedAt'] },
      { code: 'unknownKey', path: ['plan', 'channels', 0, 'logo'], names: { 2: inFixture.channels[0].name } },
      { code: 'unknownKey', path: ['plan', 'scenarios', 0, 'adjustments', 0, 'op', 'note'], names: { 2: inFixture.scenarios[0].name } },
      { code: 'unknownKey', path: ['plan', 'workshopLayout'] },
    ]);
    expect(result.plan).not.toHaveProperty('workshopLayout');
    expect(result.plan.channels[0]).not.toHaveProperty('logo');
    expect(fileOf(result.plan)).toBe(fileOf());
  });

  it('an actualised scenario whose last actual month is not a month is refused with its path', () => {
    const text = edit(fileOf(), (f) => {
      const sc = f.plan.scenarios.find((x: { id: string }) => x.id === 'sc-actual-feb');
      sc.actualise.through = '2027-13';
    });
    const i = JSON.parse(fileOf()).plan.scenarios.findIndex((x: { id: string }) => x.id === 'sc-actual-feb');
    expect(problems(parsePlanFile(text))).toContainEqual(expect.objectContaining({ code: 'invalidValue', path: ['plan', 'scenarios', i, 'actualise', 'through'] }));
  });

  it('limits the length of lists and texts', () => {
    // Twenty-two is the longest list in the fixture (the re-forecast of the actualised scenario).
    const longList = edit(fileOf(), (f) => (f.plan.regions = Array.from({ length: 23 }, (_, i) => ({ id: `r${i}`, name: `R${i}` }))));
    expect(problems(parsePlanFile(longList, { limits: { maxArrayLength: 22 } }))).toEqual([
      { code: 'tooManyItems', path: ['plan', 'regions'], params: { max: 22, found: 23 } },
    ]);
    const longName = edit(fileOf(), (f) => (f.plan.notes = 'x'.repeat(DEFAULT_LIMITS.maxStringLength + 1)));
    expect(problems(parsePlanFile(longName))).toEqual([{ code: 'tooLong', path: ['plan', 'notes'], params: { max: DEFAULT_LIMITS.maxStringLength } }]);
  });

  it('returns at most maxProblems problems and says how many there were', () => {
    const text = edit(fileOf(), (f) => {
      for (const ch of f.plan.channels) for (const d of Object.values(ch.drivers) as { base: unknown }[]) d.base = 'x';
    });
    const list = problems(parsePlanFile(text, { limits: { maxProblems: 5 } }));
    expect(list).toHaveLength(6);
    expect(list[5]).toEqual({ code: 'tooManyProblems', path: [], params: { shown: 5, total: 40 } });
  });

  it('uses only the codes it exports', () => {
    const text = edit(fileOf(), (f) => {
      f.plan.channels[0].drivers.spend.base = -1;
      f.plan.channels[1].drivers.spend = 3;
    });
    for (const p of problems(parsePlanFile(text))) expect(PLAN_FILE_PROBLEM_CODES).toContain(p.code);
  });
});

describe('parsePlanFile: hostile files', () => {
  it('case 21: __proto__, constructor and prototype keys are dropped with a warning and pollute nothing', () => {
    const text = fileOf()
      .replace('{\n  "app"', '{\n  "__proto__": { "polluted": "root" },\n  "app"')
      .replace('"budgetBounds": [', '"constructor": { "prototype": { "polluted": "plan" } },\n    "budgetBounds": [')
      .replace('"reference": {', '"reference": {\n          "__proto__": { "polluted": "record" },')
      .replace('"channelId": "ch-stores",\n        "frozen"', '"channelId": "ch-stores", "prototype": { "polluted": "bound" },\n        "frozen"');
    const result = imported(parsePlanFile(text));
    expect(result.warnings).toEqual([
      { code: 'forbiddenKey', path: ['__proto__'] },
      { code: 'forbiddenKey', path: ['plan', 'constructor'] },
      { code: 'forbiddenKey', path: ['plan', 'budgetBounds', 0, 'prototype'] },
      { code: 'forbiddenKey', path: ['plan', 'evaluation', 'prices', 'reference', '__proto__'] },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getPrototypeOf(result.plan)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.plan.evaluation?.prices?.reference)).toBe(Object.prototype);
    expect(Object.keys(result.plan.evaluation?.prices?.reference ?? {})).toEqual(['Hydrating serum 30 ml']);
    expect(Object.prototype.hasOwnProperty.call(result.plan, 'constructor')).toBe(false);
    expect(fileOf(result.plan)).toBe(fileOf());
  });

  it('case 22: a file over the size limit is refused before it is parsed', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const huge = fileOf().replace('"notes": "', `"notes": "${'x'.repeat(DEFAULT_LIMITS.maxChars)}`);
    expect(problems(parsePlanFile(huge))).toEqual([{ code: 'tooLarge', path: [], params: { size: huge.length, max: DEFAULT_LIMITS.maxChars } }]);
    expect(parse).not.toHaveBeenCalled();
  });

  it('case 22: the UI can refuse a 500 MB file from its size alone', () => {
    expect(fileSizeProblem(500 * 1024 * 1024)).toEqual({ code: 'tooLarge', path: [], params: { size: 524288000, max: DEFAULT_LIMITS.maxChars } });
    expect(fileSizeProblem(fileOf().length)).toBeNull();
  });

  it.each([
    ['arrays', '['.repeat(100_000)],
    ['objects', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
    ['a million levels', '['.repeat(1_000_000) + ']'.repeat(1_000_000)],
  ])('case 22: nesting 100,000 deep (%s) is refused before it is parsed', (_, text) => {
    const parse = vi.spyOn(JSON, 'parse');
    const [p] = problems(parsePlanFile(text));
    expect(p).toEqual({ code: 'tooDeep', path: [], params: { max: DEFAULT_LIMITS.maxDepth, line: 1, column: expect.any(Number) } });
    expect(parse).not.toHaveBeenCalled();
  });

  it('case 22: brackets and escaped quotes inside strings do not count as nesting', () => {
    const name = '\\"' + '[{'.repeat(50) + '\\\\';
    const text = fileOf().replace('"name": "Beauty brand', `"name": "${name}Beauty brand`);
    const result = imported(parsePlanFile(text));
    expect(result.plan.name.startsWith('"[{[{')).toBe(true);
  });

  it('case 22: nesting just inside the limit is read; one level more is refused', () => {
    const nested = (depth: number): string => edit(fileOf(), (f) => {
      let v: unknown = 1;
      for (let i = 0; i < depth - 3; i++) v = [v];
      f.plan.extra = v;
    });
    // Envelope and plan are two levels, `extra`'s arrays the rest.
    expect(imported(parsePlanFile(nested(DEFAULT_LIMITS.maxDepth + 1))).warnings).toEqual([{ code: 'unknownKey', path: ['plan', 'extra'] }]);
    expect(problems(parsePlanFile(nested(DEFAULT_LIMITS.maxDepth + 2)))[0].code).toBe('tooDeep');
  });
});

describe('asImportedPlan', () => {
  it('gives an imported plan a new id and times, and leaves the parsed plan as it was', () => {
    const result = imported(parsePlanFile(readFixture('v1-beauty.cmplan.json')));
    const copy = asImportedPlan(result.plan, 'plan-new', 1234);
    expect(copy).toMatchObject({ id: 'plan-new', createdAt: 1234, updatedAt: 1234, name: result.plan.name });
    expect(result.plan.id).toBe('plan-beauty-fixture');
    expect(copy.channels).toEqual(result.plan.channels);
  });

  it('is what a blank plan of this browser looks like after import', () => {
    const blank = createPlanFromTemplate('blank', { id: 'a', now: 1, locale: 'en' });
    const result = imported(parsePlanFile(fileOf(blank)));
    expect(asImportedPlan(result.plan, 'b', 2)).toEqual({ ...blank, id: 'b', createdAt: 2, updatedAt: 2 });
  });
});
