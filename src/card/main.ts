/**
 * The plan card's viewer: a read-only page for people without the app. It reads the plan file kept
 * inside the page, checks it with the planner's own file reader, and shows totals, charts, the
 * scenarios and what-if sliders, computed with the planner's engine. It never fetches anything.
 */
import { computePlan, type PlanResult } from '../engine/compute';
import { metricFormat } from '../engine/metrics';
import { parsePlanFile } from '../engine/planFile';
import type { Plan } from '../engine/types';
import { DASH, formatDate, formatMoney, formatMonth, formatPercent, formatRatio } from '../i18n/format';
import { mixChart, monthlyChart } from './charts';
import { h, type Child } from './dom';
import { cardLocale, CARD_LOCALES, LOCALE_NAMES, translator, type CardKey, type CardLocale } from './messages';
import { CARD_KPIS, TABLE_KPIS, channelMix, monthly, scenarioRows, spendByChannel, totals, withSpendFactors, type CardKpi, type ScenarioRow, type TableKpi, type Totals } from './model';

type Kpi = CardKpi | TableKpi;

/** Which way is good: more revenue or ROI is better, a rising CAC or cost ratio is worse; spend is neither. */
const BETTER: Partial<Record<Kpi, 1 | -1>> = { netRevenue: 1, contribution: 1, grossProfit: 1, roi: 1, cac: -1, costRatio: -1 };

interface State {
  plan: Plan;
  base: PlanResult;
  baseTotals: Totals;
  scenarios: ScenarioRow[];
  /** Spend factor per channel id (1 = as planned). */
  factors: Map<string, number>;
  /** The scenario the tiles, charts and sliders start from; null = the baseline. */
  scenarioId: string | null;
  /** Each channel's whole-plan spend in that scenario, before the sliders. */
  startSpend: Map<string, number>;
  current: { plan: Plan; result: PlanResult; totals: Totals };
  locale: CardLocale;
  exportedAt: number | null;
}

const root = document.getElementById('card') as HTMLElement;

function fmt(state: State, m: Kpi, v: number | null, compact = true): string {
  switch (metricFormat(m)) {
    case 'money':
      return formatMoney(v, state.plan.currency, state.locale, compact);
    case 'percent':
      // Two decimals, as the planner's own tiles show them.
      return formatPercent(v, state.locale, 2);
    default:
      return formatRatio(v, state.locale);
  }
}

function deltaText(state: State, m: Kpi, v: number | null, base: number | null, t: ReturnType<typeof translator>): { text: string; tone: string } {
  if (v === null || base === null) return { text: DASH, tone: '' };
  const d = v - base;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const better = BETTER[m];
  const tone = !better || Math.abs(d) < 1e-9 ? '' : d * better > 0 ? 'good' : 'bad';
  if (metricFormat(m) === 'percent') {
    const pp = (Math.abs(d) * 100).toLocaleString(state.locale, { maximumFractionDigits: 1 });
    return { text: `Δ ${t('card.pp', { value: `${sign}${pp}` })}`, tone };
  }
  const abs = metricFormat(m) === 'money' ? formatMoney(Math.abs(d), state.plan.currency, state.locale, true) : formatRatio(Math.abs(d), state.locale);
  const rel = base !== 0 ? ` (${sign}${formatPercent(Math.abs(d / base), state.locale, 1)})` : '';
  return { text: `Δ ${sign}${abs}${rel}`, tone };
}

function recompute(state: State): void {
  if (!isWhatIf(state) && state.scenarioId === null) {
    state.current = { plan: state.plan, result: state.base, totals: state.baseTotals };
    return;
  }
  // The sliders scale the baseline's spend; a scenario's own adjustments apply on top, as in the app.
  const plan = withSpendFactors(state.plan, state.factors);
  const result = computePlan(plan, state.scenarioId);
  state.current = { plan, result, totals: totals(plan, result) };
}

const isWhatIf = (state: State): boolean => [...state.factors.values()].some((f) => f !== 1);
/** Whether the figures shown are other than the baseline's (then they carry a Δ). */
const isChanged = (state: State): boolean => isWhatIf(state) || state.scenarioId !== null;

function startName(state: State, t: ReturnType<typeof translator>): string {
  return state.plan.scenarios.find((x) => x.id === state.scenarioId)?.name ?? t('card.baseline');
}

function startFrom(state: State, id: string | null): void {
  state.scenarioId = id;
  state.startSpend = spendByChannel(state.plan, computePlan(state.plan, id));
  recompute(state);
}

function header(state: State, t: ReturnType<typeof translator>, onLocale: (l: CardLocale) => void, onScenario: (id: string | null) => void): HTMLElement {
  const { plan } = state;
  const months = plan.timeline.periods;
  const keys = monthly(plan, state.base).months;
  const select = h('select', { id: 'card-locale', 'aria-label': t('card.language') });
  for (const l of CARD_LOCALES) {
    const o = h('option', { value: l }, LOCALE_NAMES[l]);
    if (l === state.locale) o.selected = true;
    select.append(o);
  }
  select.addEventListener('change', () => onLocale(cardLocale(select.value)));
  const scenario = h('select', { id: 'card-scenario', 'data-testid': 'card-show', 'aria-label': t('card.show') });
  for (const row of state.scenarios) {
    const o = h('option', { value: row.id ?? '' }, row.id === null ? t('card.baseline') : row.name);
    if (row.id === state.scenarioId) o.selected = true;
    scenario.append(o);
  }
  scenario.addEventListener('change', () => onScenario(scenario.value === '' ? null : scenario.value));
  return h(
    'header',
    { class: 'head' },
    h(
      'div',
      { class: 'head-text' },
      h('p', { class: 'eyebrow' }, t('card.eyebrow')),
      h('h1', { 'data-testid': 'card-plan-name' }, plan.name),
      h('p', { class: 'period', 'data-testid': 'card-period' }, t('card.period', { start: formatMonth(keys[0], state.locale), end: formatMonth(keys[keys.length - 1], state.locale), months, currency: plan.currency })),
      h(
        'p',
        { class: 'muted small' },
        t('card.exportedAt', { date: state.exportedAt === null ? DASH : formatDate(state.exportedAt, state.locale), channels: plan.channels.length, scenarios: plan.scenarios.length }),
      ),
    ),
    h(
      'div',
      { class: 'pickers' },
      state.scenarios.length > 1 ? h('label', { class: 'lang' }, h('span', { class: 'muted small' }, t('card.show')), scenario) : null,
      h('label', { class: 'lang' }, h('span', { class: 'muted small' }, t('card.language')), select),
    ),
  );
}

function kpiTiles(state: State, t: ReturnType<typeof translator>): HTMLElement {
  const changed = isChanged(state);
  const caption = isWhatIf(state) ? t('card.kpisWhatIf', { name: startName(state, t) }) : state.scenarioId !== null ? t('card.kpisScenario', { name: startName(state, t) }) : t('card.kpisBaseline');
  const tiles = CARD_KPIS.map((m) => {
    const v = state.current.totals[m];
    const d = changed ? deltaText(state, m, v, state.baseTotals[m], t) : null;
    return h(
      'div',
      { class: 'tile', 'data-testid': `card-kpi-${m}` },
      h('span', { class: 'tile-label' }, t(`card.metric.${m}` as CardKey)),
      h('span', { class: `tile-value${v !== null && v < 0 ? ' negative' : ''}`, 'data-testid': `card-kpi-${m}-value`, 'data-value': v === null ? '' : String(v), title: fmt(state, m, v, false) }, v === null ? t('card.notDefined') : fmt(state, m, v)),
      d ? h('span', { class: `tile-delta ${d.tone}`, 'data-testid': `card-kpi-${m}-delta` }, d.text) : null,
      h('span', { class: 'tile-hint' }, t(`card.hint.${m}` as CardKey)),
    );
  });
  return h(
    'section',
    { class: 'block', 'aria-labelledby': 'kpi-caption' },
    h('h2', { id: 'kpi-caption', 'data-testid': 'card-kpi-caption' }, caption),
    h('div', { class: 'tiles' }, ...tiles),
  );
}

function legend(items: [string, string][]): HTMLElement {
  return h('p', { class: 'legend' }, ...items.map(([colour, label]) => h('span', { class: 'key' }, h('i', { class: `swatch ${colour}` }), label)));
}

function charts(state: State, t: ReturnType<typeof translator>, widths: { monthly: number; mix: number }): HTMLElement {
  const which = isWhatIf(state) ? `${t('card.whatIf')} · ${startName(state, t)}` : startName(state, t);
  const money = (v: number): string => formatMoney(v, state.plan.currency, state.locale, true);
  const series = monthly(state.current.plan, state.current.result);
  const mix = channelMix(state.current.plan, state.current.result);
  return h(
    'section',
    { class: 'charts' },
    h(
      'figure',
      { class: 'panel', id: 'monthly', 'data-testid': 'card-monthly' },
      h('h2', {}, t('card.monthly')),
      h('p', { class: 'muted small' }, t('card.monthlyNote', { currency: state.plan.currency, which })),
      monthlyChart(series, widths.monthly, state.locale, money, { revenue: t('card.metric.netRevenue'), contribution: t('card.metric.contribution') }),
      legend([
        ['revenue', t('card.metric.netRevenue')],
        ['contribution', t('card.metric.contribution')],
      ]),
    ),
    h(
      'figure',
      { class: 'panel', id: 'mix', 'data-testid': 'card-mix' },
      h('h2', {}, t('card.mix')),
      h('p', { class: 'muted small' }, t('card.mixNote', { which })),
      mixChart(mix, widths.mix, (v) => formatPercent(v, state.locale, 1), (count) => t('card.mixOther', { count }), { spend: t('card.spendShare'), revenue: t('card.revenueShare') }),
      legend([
        ['spend', t('card.spendShare')],
        ['revenue', t('card.revenueShare')],
      ]),
    ),
  );
}

function scenarioTable(state: State, t: ReturnType<typeof translator>): HTMLElement {
  const base = state.scenarios[0].totals;
  const head = h('tr', {}, h('th', { scope: 'col' }, t('card.scenario')), ...TABLE_KPIS.map((m) => h('th', { scope: 'col' }, t(`card.metric.${m}` as CardKey))));
  const rows = state.scenarios.map((row, i) =>
    h(
      'tr',
      { 'data-testid': 'card-scenario-row' },
      h('th', { scope: 'row', class: 'name', 'data-testid': 'card-scenario-name' }, i === 0 ? t('card.baseline') : row.name),
      ...TABLE_KPIS.map((m): HTMLElement => {
        const v = row.totals[m];
        const d = i > 0 ? deltaText(state, m, v, base[m], t) : null;
        return h(
          'td',
          { 'data-value': v === null ? '' : String(v), 'data-kpi': m },
          h('span', { class: 'num' }, v === null ? t('card.notDefined') : fmt(state, m, v)),
          d ? h('small', { class: `delta ${d.tone}` }, d.text) : null,
        );
      }),
    ),
  );
  return h(
    'section',
    { class: 'block panel' },
    h('h2', {}, t('card.scenarios')),
    h('p', { class: 'muted small' }, state.scenarios.length > 1 ? t('card.scenariosNote') : t('card.noScenarios')),
    h('div', { class: 'table-scroll' }, h('table', { 'data-testid': 'card-scenarios' }, h('thead', {}, head), h('tbody', {}, ...rows))),
  );
}

function sliders(state: State, t: ReturnType<typeof translator>, onChange: () => void, onReset: () => void): HTMLElement {
  const changedCount = (): number => [...state.factors.values()].filter((f) => f !== 1).length;
  const status = h('p', { class: 'muted small', 'data-testid': 'card-whatif-status' });
  const setStatus = (): void => {
    const n = changedCount();
    status.textContent = n === 0 ? t('card.unchanged', { name: startName(state, t) }) : t('card.changed', { count: n, total: state.plan.channels.length });
  };
  setStatus();
  const rows: Child[] = state.plan.channels.map((ch) => {
    const spend = state.startSpend.get(ch.id) ?? 0;
    const factor = state.factors.get(ch.id) ?? 1;
    const input = h('input', { type: 'range', min: '-100', max: '100', step: '5', value: String(Math.round((factor - 1) * 100)), 'data-testid': 'card-slider', 'data-channel': ch.id });
    const value = h('span', { class: 'slider-value' });
    const show = (f: number): void => {
      const pct = Math.round((f - 1) * 100);
      const change = pct === 0 ? '±0 %' : `${pct > 0 ? '+' : '−'}${Math.abs(pct)} %`;
      value.textContent = t('card.sliderValue', { change, amount: formatMoney(spend * f, state.plan.currency, state.locale, true) });
      input.setAttribute('aria-valuetext', `${ch.name}: ${value.textContent}`);
      value.classList.toggle('moved', pct !== 0);
    };
    show(factor);
    input.addEventListener('input', () => {
      const f = 1 + Number(input.value) / 100;
      if (f === 1) state.factors.delete(ch.id);
      else state.factors.set(ch.id, f);
      show(f);
      setStatus();
      onChange();
    });
    return h('label', { class: 'slider' }, h('span', { class: 'slider-name' }, h('i', { class: 'dot', 'data-colour': ch.color }), ch.name), input, value);
  });
  const reset = h('button', { type: 'button', 'data-testid': 'card-reset' }, t('card.reset'));
  reset.addEventListener('click', onReset);
  return h(
    'section',
    { class: 'block panel', 'data-testid': 'card-whatif' },
    h('div', { class: 'whatif-head' }, h('div', {}, h('h2', {}, t('card.whatIfTitle')), h('p', { class: 'muted small' }, t('card.whatIfHelp'))), reset),
    status,
    h('div', { class: 'sliders' }, ...rows),
  );
}

/** The chart areas' widths as laid out now (the charts are drawn at that width). */
function chartWidths(): { monthly: number; mix: number } {
  const w = (id: string, fallback: number): number => {
    const e = document.getElementById(id);
    const inner = e ? e.clientWidth - 28 : 0;
    return inner > 100 ? Math.floor(inner) : fallback;
  };
  return { monthly: w('monthly', 560), mix: w('mix', 440) };
}

function show(state: State): void {
  const t = translator(state.locale);
  document.documentElement.lang = state.locale;
  document.title = `${state.plan.name} · ${t('card.eyebrow')}`;
  let kpiNode: HTMLElement;
  let chartNode: HTMLElement;
  let frame = 0;
  const refresh = (): void => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      recompute(state);
      const k = kpiTiles(state, t);
      kpiNode.replaceWith(k);
      kpiNode = k;
      redrawCharts();
    });
  };
  const redrawCharts = (): void => {
    const c = charts(state, t, chartWidths());
    chartNode.replaceWith(c);
    chartNode = c;
  };
  kpiNode = kpiTiles(state, t);
  chartNode = charts(state, t, { monthly: 560, mix: 440 });
  root.replaceChildren(
    header(
      state,
      t,
      (l) => {
        state.locale = l;
        show(state);
      },
      (id) => {
        startFrom(state, id);
        show(state);
      },
    ),
    kpiNode,
    chartNode,
    scenarioTable(state, t),
    sliders(
      state,
      t,
      refresh,
      () => {
        state.factors.clear();
        recompute(state);
        show(state);
      },
    ),
    h('footer', { class: 'muted small' }, t('card.footer')),
  );
  // Colour dots take the channel's colour through the CSSOM (no style attribute in markup).
  for (const dot of root.querySelectorAll<HTMLElement>('.dot[data-colour]')) dot.style.backgroundColor = dot.dataset.colour ?? '';
  redrawCharts();
  let width = root.clientWidth;
  observer?.disconnect();
  observer = new ResizeObserver(() => {
    if (root.clientWidth === width) return;
    width = root.clientWidth;
    redrawCharts();
  });
  observer.observe(root);
}

let observer: ResizeObserver | null = null;

function fail(locale: CardLocale, detail: string): void {
  const t = translator(locale);
  root.replaceChildren(h('p', { class: 'error', role: 'alert', 'data-testid': 'card-error' }, t('card.invalid', { detail })));
}

function start(): void {
  const locale = cardLocale(document.documentElement.lang);
  const text = document.getElementById('plan')?.textContent ?? '';
  const parsed = parsePlanFile(text);
  if (!parsed.ok) {
    fail(locale, parsed.problems.slice(0, 3).map((p) => [p.code, ...p.path].join(' ')).join('; '));
    return;
  }
  const plan = parsed.plan;
  const base = computePlan(plan, null);
  const baseTotals = totals(plan, base);
  const exported = Date.parse(document.querySelector('meta[name="cmp-exported"]')?.getAttribute('content') ?? '');
  const state: State = {
    plan,
    base,
    baseTotals,
    startSpend: spendByChannel(plan, base),
    scenarioId: null,
    scenarios: scenarioRows(plan, ''),
    factors: new Map(),
    current: { plan, result: base, totals: baseTotals },
    locale,
    exportedAt: Number.isFinite(exported) ? exported : null,
  };
  show(state);
}

start();
