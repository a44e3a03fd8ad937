/**
 * The moment of a true new moon (J. Meeus, Astronomical Algorithms, 2nd ed., chapter 49), for
 * checking the table of Spring Festival dates independently of any calendar library: a lunar month
 * starts on the day, in China's time (UTC+8), that holds the new moon. Accurate to well under a
 * minute for these years.
 */
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Julian Ephemeris Day of new moon number k (k = 0 near 6 January 2000). */
function newMoonJde(k: number): number {
  const T = k / 1236.85;
  let jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * T ** 2 - 0.00000015 * T ** 3 + 0.00000000073 * T ** 4;
  const E = 1 - 0.002516 * T - 0.0000074 * T ** 2;
  const M = rad(2.5534 + 29.1053567 * k - 0.0000014 * T ** 2 - 0.00000011 * T ** 3);
  const Mp = rad(201.5643 + 385.81693528 * k + 0.0107582 * T ** 2 + 0.00001238 * T ** 3 - 0.000000058 * T ** 4);
  const F = rad(160.7108 + 390.67050284 * k - 0.0016118 * T ** 2 - 0.00000227 * T ** 3 + 0.000000011 * T ** 4);
  const O = rad(124.7746 - 1.56375588 * k + 0.0020672 * T ** 2 + 0.00000215 * T ** 3);
  const s = Math.sin;
  jde +=
    -0.4072 * s(Mp) + 0.17241 * E * s(M) + 0.01608 * s(2 * Mp) + 0.01039 * s(2 * F) + 0.00739 * E * s(Mp - M) - 0.00514 * E * s(Mp + M) +
    0.00208 * E * E * s(2 * M) - 0.00111 * s(Mp - 2 * F) - 0.00057 * s(Mp + 2 * F) + 0.00056 * E * s(2 * Mp + M) - 0.00042 * s(3 * Mp) +
    0.00042 * E * s(M + 2 * F) + 0.00038 * E * s(M - 2 * F) - 0.00024 * E * s(2 * Mp - M) - 0.00017 * s(O) - 0.00007 * s(Mp + 2 * M) +
    0.00004 * s(2 * Mp - 2 * F) + 0.00004 * s(3 * M) + 0.00003 * s(Mp + M - 2 * F) + 0.00003 * s(2 * Mp + 2 * F) - 0.00003 * s(Mp + M + 2 * F) +
    0.00003 * s(Mp - M + 2 * F) - 0.00002 * s(Mp - M - 2 * F) - 0.00002 * s(3 * Mp + M) + 0.00002 * s(4 * Mp);
  const A = [
    [299.77 + 0.107408 * k - 0.009173 * T ** 2, 0.000325], [251.88 + 0.016321 * k, 0.000165], [251.83 + 26.651886 * k, 0.000164],
    [349.42 + 36.412478 * k, 0.000126], [84.66 + 18.206239 * k, 0.00011], [141.74 + 53.303771 * k, 0.000062], [207.14 + 2.453732 * k, 0.00006],
    [154.84 + 7.30686 * k, 0.000056], [34.52 + 27.261239 * k, 0.000047], [207.19 + 0.121824 * k, 0.000042], [291.34 + 1.844379 * k, 0.00004],
    [161.72 + 24.198154 * k, 0.000037], [239.56 + 25.513099 * k, 0.000035], [331.55 + 3.592518 * k, 0.000023],
  ];
  for (const [arg, c] of A) jde += c * s(rad(arg));
  return jde;
}

/** ΔT = TT − UT in these decades, about 69–75 s: its uncertainty matters only within seconds of midnight. */
const DELTA_T_DAYS = 72 / 86_400;

/** Days since 1970-01-01 (in China's time) of the new moons between two such days. */
export function newMoonDaysInChina(fromDay: number, toDay: number): number[] {
  const jdOf = (day: number): number => day + 2440587.5;
  const kFrom = Math.floor((jdOf(fromDay) - 2451550.09766) / 29.530588861) - 1;
  const out: number[] = [];
  for (let k = kFrom; k <= kFrom + Math.ceil((toDay - fromDay) / 29.5) + 2; k++) {
    const ut = newMoonJde(k) - DELTA_T_DAYS;
    const chinaDay = Math.floor(ut - 2440587.5 + 8 / 24);
    if (chinaDay >= fromDay && chinaDay <= toDay) out.push(chinaDay);
  }
  return out;
}
