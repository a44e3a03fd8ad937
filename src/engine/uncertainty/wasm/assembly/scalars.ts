/**
 * fastScalars of mcRun.ts in WebAssembly: every fast channel's per-draw scalars for row r of the
 * block, written to its group's scalar row and its linear terms; returns how many channels fell back
 * (listed at fallbackAt). The same operations in the same order as the JS; λ^(−shape) uses the
 * host's Math.exp and a constant-spend curve the engine's own curveTraffic, both imported, so every
 * scalar is the JS one bit for bit.
 *
 * The model's arrays are laid out by wasm/workspace.ts, which writes their byte offsets as i32 words
 * at ctx (the CTX_* indices below, the same there). Codes as mcModel.ts: spend modes SP_*, groups G_*,
 * GROUP_SCALARS, BLOCK, MAX_DENOMINATOR, NULL_H; per uncertain driver a role (ROLE_* in workspace.ts).
 */

// @ts-ignore: decorator
@external('env', 'exp')
declare function hostExp(x: f64): f64;
// @ts-ignore: decorator
@external('env', 'curve')
declare function hostCurve(channel: i32, spend: f64): f64;

const CTX_FAST_COUNT = 0;
const CTX_FAST = 1;
const CTX_U_START = 2;
const CTX_ROLE = 3;
const CTX_U_SLOT = 4;
const CTX_U_MAX = 5;
const CTX_SLOT_FLAT = 6;
const CTX_SLOT_FIRST = 7;
const CTX_SLOT_BASE = 8;
const CTX_SLOT_MAX = 9;
const CTX_CH_MODE = 10;
const CTX_CH_SHAPE = 11;
const CTX_CH_MAX_Y = 12;
const CTX_CH_GROUP = 13;
const CTX_CH_POS = 14;
const CTX_CH_LIN_SPEND = 15;
const CTX_CH_LIN_FIXED = 16;
const CTX_CH_SPEND_SLOT = 17;
const CTX_SCALARS = 18; // four words: groups 0 … 3
const CTX_LIN_W = 22;

const ROLE_REVENUE = 0; // conversion, aov: kR *= v
const ROLE_SPEND = 1;
const ROLE_KEEP = 2; // returnRate, channelMargin: kR *= 1 − v
const ROLE_BASE_TRAFFIC = 3;
const ROLE_GROSS_MARGIN = 4;
const ROLE_VARIABLE_COST = 5;
const ROLE_FIXED_COST = 6;

const SP_FLAT = 1;
const SP_LINEAR = 2;
const SP_STEP = 3;
const SP_ZERO = 4;
const SP_HILL = 5;
const G_HILL_M = 0;
const G_HILL_GV = 1;
const G_LIN_GV = 3;
const BLOCK = 2;
const MAX_DENOMINATOR = 1e150;
const NULL_H = 1e200;

// @ts-ignore: decorator
@inline
function word(ctx: usize, k: i32): usize {
  return <usize>load<i32>(ctx + (<usize>k << 2));
}

// @ts-ignore: decorator
@inline
function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline
function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline
function groupScalars(g: i32): i32 {
  return g == 0 ? 4 : g == 1 ? 6 : g == 2 ? 2 : 4;
}

// @ts-ignore: decorator
@inline
function clampTo(v: f64, max: f64): f64 {
  return !isFinite(v) ? 0 : v > max ? max : v < 0 ? 0 : v;
}

export function fastScalars(ctx: usize, r: i32, drawn: i32, mulAt: usize, addAt: usize, lnMulAt: usize, fallbackAt: usize): i32 {
  const nFast = <i32>word(ctx, CTX_FAST_COUNT);
  const fast = word(ctx, CTX_FAST);
  const uStart = word(ctx, CTX_U_START);
  const role = word(ctx, CTX_ROLE);
  const uSlot = word(ctx, CTX_U_SLOT);
  const uMax = word(ctx, CTX_U_MAX);
  const slotFlat = word(ctx, CTX_SLOT_FLAT);
  const slotFirst = word(ctx, CTX_SLOT_FIRST);
  const slotBase = word(ctx, CTX_SLOT_BASE);
  const slotMax = word(ctx, CTX_SLOT_MAX);
  const chMode = word(ctx, CTX_CH_MODE);
  const chShape = word(ctx, CTX_CH_SHAPE);
  const chMaxY = word(ctx, CTX_CH_MAX_Y);
  const chGroup = word(ctx, CTX_CH_GROUP);
  const chPos = word(ctx, CTX_CH_POS);
  const chLinSpend = word(ctx, CTX_CH_LIN_SPEND);
  const chLinFixed = word(ctx, CTX_CH_LIN_FIXED);
  const chSpendSlot = word(ctx, CTX_CH_SPEND_SLOT);
  const linW = word(ctx, CTX_LIN_W);
  let fallbacks = 0;
  for (let f = 0; f < nFast; f++) {
    const c = i32At(fast, f);
    let kR: f64 = 1;
    let kB: f64 = 1;
    let lg: f64 = 1;
    let lv: f64 = 1;
    let kF: f64 = 0;
    let ls: f64 = 0;
    let ok = drawn != 0;
    for (let j = i32At(uStart, c), end = i32At(uStart, c + 1); j < end; j++) {
      const s = i32At(uSlot, j);
      const max = f64At(uMax, j);
      let v: f64;
      if (i32At(slotFlat, s) == 1) {
        // Constant series: the clamped value itself is the scalar.
        const x = f64At(slotFirst, s);
        v = clampTo(f64At(slotBase, s) != 0 ? x * f64At(mulAt, s) : x + f64At(addAt, s), max);
      } else {
        const k = f64At(mulAt, s);
        if (!(k * f64At(slotMax, s) <= max)) ok = false;
        v = k > 0 ? k : 0;
      }
      const d = i32At(role, j);
      if (d == ROLE_REVENUE) kR *= v;
      else if (d == ROLE_SPEND) ls = v;
      else if (d == ROLE_KEEP) kR *= 1 - v;
      else if (d == ROLE_BASE_TRAFFIC) kB = v;
      else if (d == ROLE_GROSS_MARGIN) lg = v;
      else if (d == ROLE_VARIABLE_COST) lv = v;
      else if (d == ROLE_FIXED_COST) kF = v;
    }
    const mode = i32At(chMode, c);
    let b = kR;
    let gi: f64 = 0;
    if (mode == SP_HILL) {
      if (ls > 0) gi = hostExp(-f64At(chShape, c) * f64At(lnMulAt, i32At(chSpendSlot, c)));
      else b = 0;
      if (b > 0 && !(b <= MAX_DENOMINATOR && (1 + gi * f64At(chMaxY, c)) / b <= MAX_DENOMINATOR)) ok = false;
    } else if (mode == SP_FLAT) b *= hostCurve(c, ls);
    else if (mode == SP_LINEAR) b *= ls;
    else if (mode == SP_STEP) b = ls > 0 ? b : 0;
    else if (mode == SP_ZERO) b = 0;
    const g = i32At(chGroup, c);
    const ns = groupScalars(g);
    const out = word(ctx, CTX_SCALARS + g) + (<usize>((i32At(chPos, c) * BLOCK + r) * ns) << 3);
    store<f64>(out, ok ? kR * kB : 0);
    if (g == G_HILL_M || g == G_HILL_GV) {
      const live = ok && b > 0;
      store<f64>(out, live ? 1 / b : NULL_H, 8);
      store<f64>(out, live ? gi / b : 0, 16);
      store<f64>(out, ok ? ls : 0, 24);
    } else store<f64>(out, ok ? b : 0, 8);
    if (g == G_HILL_GV || g == G_LIN_GV) {
      store<f64>(out + (<usize>(ns - 2) << 3), ok ? lg : 0);
      store<f64>(out + (<usize>(ns - 1) << 3), ok ? lv : 0);
    }
    const lsAt = i32At(chLinSpend, c);
    if (lsAt >= 0) store<f64>(linW + (<usize>(lsAt * BLOCK + r) << 3), ok ? ls : 0);
    const lfAt = i32At(chLinFixed, c);
    if (lfAt >= 0) store<f64>(linW + (<usize>(lfAt * BLOCK + r) << 3), ok ? kF : 0);
    if (!ok && drawn != 0) {
      store<i32>(fallbackAt + (<usize>fallbacks << 2), c);
      fallbacks++;
    }
  }
  return fallbacks;
}
