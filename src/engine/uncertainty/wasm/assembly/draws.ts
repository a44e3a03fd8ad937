/**
 * drawFactors of mcRun.ts in WebAssembly: draw i's value of every uncertain driver, combined per
 * slot. The same arithmetic in the same order as the JS (rng.ts's hash, distributions.ts's inverse
 * CDFs with AS241's coefficients digit for digit); sqrt is IEEE's in both. exp and log are the host's
 * Math.exp and Math.log, imported: WebAssembly has neither, and a port would not round as the
 * engine's JS does — with the host's own functions every drawn value is the same bit for bit.
 *
 * Pointers are byte offsets into memory laid out by the caller (wasm/kernel.ts): per range k,
 * slot (i32), distribution code (i32), p1 and p2 (f64); per slot, base and ln(base) (f64); the draw's
 * combined factors, additions and Σ ln(x / base) per slot (f64, written here).
 */

// @ts-ignore: decorator
@external('env', 'exp')
declare function hostExp(x: f64): f64;
// @ts-ignore: decorator
@external('env', 'log')
declare function hostLog(x: f64): f64;

const GOLDEN: u32 = 0x9e3779b9;
const DIST_UNIFORM = 0;
const DIST_TRIANGULAR = 1;
const DIST_NORMAL = 2;
const NORMAL_SPLIT = 0.180625;

// @ts-ignore: decorator
@inline
function fmix32(h: u32): u32 {
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  h ^= h >>> 16;
  return h;
}

// @ts-ignore: decorator
@inline
function normalCentral(q: f64): f64 {
  const r = 0.180625 - q * q;
  return (
    (q *
      (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
        13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.3871328727963666080)) /
    (((((((5226.4952788528545610 * r + 28729.085735721942674) * r + 39307.895800092710610) * r + 21213.794301586595867) * r +
      5394.1960214247511077) * r + 687.18700749205790830) * r + 42.313330701600911252) * r + 1)
  );
}

function normalTail(p: f64, q: f64): f64 {
  let r = q < 0 ? p : 1 - p;
  if (r == 0) return q < 0 ? -Infinity : Infinity;
  r = Math.sqrt(-hostLog(r));
  let x: f64;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) * r + 5.76949722146069140550) * r + 4.63033784615654529590) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r +
        6.89767334985100004550e-1) * r + 1.67638483018380384940) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    x =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r +
        2.96560571828504891230e-1) * r + 1.78482653991729133580) * r + 5.46378491116411436990) * r + 6.65790464350110377720) /
      (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r +
        1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r + 5.99832206555887937690e-1) * r + 1);
  }
  return q < 0 ? -x : x;
}

/** One draw with keys (key, key2) of rng.ts (drawKey, drawKey2), over K ranges and S slots. */
export function drawFactors(
  key: u32, key2: u32, K: i32, S: i32,
  slotAt: usize, codeAt: usize, p1At: usize, p2At: usize, baseAt: usize, lnBaseAt: usize,
  mulAt: usize, addAt: usize, lnMulAt: usize,
): void {
  for (let s = 0; s < S; s++) {
    const o = <usize>s << 3;
    store<f64>(mulAt + o, 1.0);
    store<f64>(addAt + o, 0.0);
    store<f64>(lnMulAt + o, 0.0);
  }
  for (let k = 0; k < K; k++) {
    const s = load<i32>(slotAt + (<usize>k << 2));
    if (s < 0) continue;
    const h = fmix32(fmix32(key + <u32>k * GOLDEN) + key2);
    const u = (<f64>h + 0.5) / 4294967296.0;
    const code = load<i32>(codeAt + (<usize>k << 2));
    const p1 = load<f64>(p1At + (<usize>k << 3));
    const p2 = load<f64>(p2At + (<usize>k << 3));
    let x: f64;
    let lnx: f64 = NaN;
    if (code == DIST_UNIFORM) x = p1 + p2 * u;
    else if (code == DIST_TRIANGULAR) x = u <= 0.5 ? p1 - p2 + p2 * Math.sqrt(2 * u) : p1 + p2 - p2 * Math.sqrt(2 * (1 - u));
    else {
      const q = u - 0.5;
      const z = p2 == 0 ? 0 : q * q <= NORMAL_SPLIT ? normalCentral(q) : normalTail(u, q);
      if (code == DIST_NORMAL) x = p1 + p2 * z;
      else {
        lnx = p1 + p2 * z;
        x = hostExp(lnx);
      }
    }
    const so = <usize>s << 3;
    const base = load<f64>(baseAt + so);
    if (base != 0) store<f64>(mulAt + so, load<f64>(mulAt + so) * (x / base));
    else store<f64>(addAt + so, load<f64>(addAt + so) + x);
    const lb = load<f64>(lnBaseAt + so);
    if (lb == lb) store<f64>(lnMulAt + so, load<f64>(lnMulAt + so) + ((lnx == lnx ? lnx : hostLog(x)) - lb));
  }
}

// @ts-ignore: decorator
@inline
function c(x: f64): v128 {
  return f64x2.splat(x);
}

/** normalCentral for two values at once (the same operations, lane by lane). */
// @ts-ignore: decorator
@inline
function normalCentral2(q: v128): v128 {
  const r = f64x2.sub(c(0.180625), f64x2.mul(q, q));
  let a = f64x2.add(f64x2.mul(c(2509.0809287301226727), r), c(33430.575583588128105));
  a = f64x2.add(f64x2.mul(a, r), c(67265.770927008700853));
  a = f64x2.add(f64x2.mul(a, r), c(45921.953931549871457));
  a = f64x2.add(f64x2.mul(a, r), c(13731.693765509461125));
  a = f64x2.add(f64x2.mul(a, r), c(1971.5909503065514427));
  a = f64x2.add(f64x2.mul(a, r), c(133.14166789178437745));
  a = f64x2.add(f64x2.mul(a, r), c(3.3871328727963666080));
  let b = f64x2.add(f64x2.mul(c(5226.4952788528545610), r), c(28729.085735721942674));
  b = f64x2.add(f64x2.mul(b, r), c(39307.895800092710610));
  b = f64x2.add(f64x2.mul(b, r), c(21213.794301586595867));
  b = f64x2.add(f64x2.mul(b, r), c(5394.1960214247511077));
  b = f64x2.add(f64x2.mul(b, r), c(687.18700749205790830));
  b = f64x2.add(f64x2.mul(b, r), c(42.313330701600911252));
  b = f64x2.add(f64x2.mul(b, r), c(1));
  return f64x2.div(f64x2.mul(q, a), b);
}

// @ts-ignore: decorator
@inline
function combine(s: i32, x: f64, lnx: f64, baseAt: usize, lnBaseAt: usize, mulAt: usize, addAt: usize, lnMulAt: usize): void {
  const so = <usize>s << 3;
  const base = load<f64>(baseAt + so);
  if (base != 0) store<f64>(mulAt + so, load<f64>(mulAt + so) * (x / base));
  else store<f64>(addAt + so, load<f64>(addAt + so) + x);
  const lb = load<f64>(lnBaseAt + so);
  if (lb == lb) store<f64>(lnMulAt + so, load<f64>(lnMulAt + so) + ((lnx == lnx ? lnx : hostLog(x)) - lb));
}

/**
 * drawFactors for the two draws of a block at once (keys a, b; rows a, b): each range's two uniforms,
 * inverse CDFs and square roots in f64x2 lanes; exp, log and the normal tails lane by lane. Each
 * draw's values are those of drawFactors, bit for bit.
 */
export function drawFactorsPair(
  keyA: u32, keyA2: u32, keyB: u32, keyB2: u32, K: i32, S: i32,
  slotAt: usize, codeAt: usize, p1At: usize, p2At: usize, baseAt: usize, lnBaseAt: usize,
  mulA: usize, addA: usize, lnMulA: usize, mulB: usize, addB: usize, lnMulB: usize,
): void {
  for (let s = 0; s < S; s++) {
    const o = <usize>s << 3;
    store<f64>(mulA + o, 1.0);
    store<f64>(addA + o, 0.0);
    store<f64>(lnMulA + o, 0.0);
    store<f64>(mulB + o, 1.0);
    store<f64>(addB + o, 0.0);
    store<f64>(lnMulB + o, 0.0);
  }
  const half = c(0.5);
  const two = c(2);
  const one = c(1);
  for (let k = 0; k < K; k++) {
    const s = load<i32>(slotAt + (<usize>k << 2));
    if (s < 0) continue;
    const w = <u32>k * GOLDEN;
    const hA = fmix32(fmix32(keyA + w) + keyA2);
    const hB = fmix32(fmix32(keyB + w) + keyB2);
    const u = f64x2.div(f64x2.add(f64x2(<f64>hA, <f64>hB), half), c(4294967296.0));
    const code = load<i32>(codeAt + (<usize>k << 2));
    const p1 = load<f64>(p1At + (<usize>k << 3));
    const p2 = load<f64>(p2At + (<usize>k << 3));
    let xA: f64;
    let xB: f64;
    let lnA: f64 = NaN;
    let lnB: f64 = NaN;
    if (code == DIST_UNIFORM) {
      const x = f64x2.add(c(p1), f64x2.mul(c(p2), u));
      xA = f64x2.extract_lane(x, 0);
      xB = f64x2.extract_lane(x, 1);
    } else if (code == DIST_TRIANGULAR) {
      const below = f64x2.le(u, half);
      const root = f64x2.sqrt(v128.bitselect(f64x2.mul(two, u), f64x2.mul(two, f64x2.sub(one, u)), below));
      const step = f64x2.mul(c(p2), root);
      const x = v128.bitselect(f64x2.add(c(p1 - p2), step), f64x2.sub(c(p1 + p2), step), below);
      xA = f64x2.extract_lane(x, 0);
      xB = f64x2.extract_lane(x, 1);
    } else {
      let zA: f64 = 0;
      let zB: f64 = 0;
      if (p2 != 0) {
        const q = f64x2.sub(u, half);
        const qA = f64x2.extract_lane(q, 0);
        const qB = f64x2.extract_lane(q, 1);
        const centralA = qA * qA <= NORMAL_SPLIT;
        const centralB = qB * qB <= NORMAL_SPLIT;
        if (centralA && centralB) {
          const z = normalCentral2(q);
          zA = f64x2.extract_lane(z, 0);
          zB = f64x2.extract_lane(z, 1);
        } else {
          zA = centralA ? normalCentral(qA) : normalTail(f64x2.extract_lane(u, 0), qA);
          zB = centralB ? normalCentral(qB) : normalTail(f64x2.extract_lane(u, 1), qB);
        }
      }
      if (code == DIST_NORMAL) {
        xA = p1 + p2 * zA;
        xB = p1 + p2 * zB;
      } else {
        lnA = p1 + p2 * zA;
        lnB = p1 + p2 * zB;
        xA = hostExp(lnA);
        xB = hostExp(lnB);
      }
    }
    combine(s, xA, lnA, baseAt, lnBaseAt, mulA, addA, lnMulA);
    combine(s, xB, lnB, baseAt, lnBaseAt, mulB, addB, lnMulB);
  }
}
