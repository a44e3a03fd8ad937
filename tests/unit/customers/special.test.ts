import { describe, expect, it } from 'vitest';
import { digamma, lbeta, lgamma, logAddExp } from '../../../src/engine/customers/special';

// Reference values are closed forms or standard constants (DLMF 5.4, 5.15), not outputs of this code.
const EULER_GAMMA = 0.5772156649015329;

describe('lgamma (Lanczos)', () => {
  it('matches closed forms to ~1e-14', () => {
    expect(lgamma(1)).toBeCloseTo(0, 14);
    expect(lgamma(2)).toBeCloseTo(0, 14);
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lgamma(10)).toBeCloseTo(Math.log(362880), 13);
    expect(lgamma(0.25)).toBeCloseTo(Math.log(3.625609908221908), 14); // Γ(1/4)
  });

  it('stays accurate for large and tiny arguments', () => {
    // ln 99! summed exactly in logs.
    let ln99 = 0;
    for (let i = 2; i <= 99; i++) ln99 += Math.log(i);
    expect(lgamma(100)).toBeCloseTo(ln99, 10);
    // Γ(x) ≈ 1/x − γ near 0.
    expect(lgamma(1e-8)).toBeCloseTo(-Math.log(1e-8) - EULER_GAMMA * 1e-8, 12);
    expect(lbeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });
});

describe('digamma', () => {
  it('matches ψ(1) = −γ, ψ(½) = −γ − 2 ln 2 and ψ(10) = H₉ − γ', () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2, 14);
    let h9 = 0;
    for (let i = 1; i <= 9; i++) h9 += 1 / i;
    expect(digamma(10)).toBeCloseTo(h9 - EULER_GAMMA, 14);
  });

  it('is the derivative of lgamma', () => {
    for (const x of [0.243, 2.426, 7.5, 31.2]) {
      const h = 1e-5;
      expect(digamma(x)).toBeCloseTo((lgamma(x + h) - lgamma(x - h)) / (2 * h), 8);
    }
  });
});

describe('logAddExp', () => {
  it('log-sum-exp survives exponents far below the double range', () => {
    expect(logAddExp(-757.78, -753.99)).toBeCloseTo(-753.99 + Math.log1p(Math.exp(-3.79)), 12);
    expect(logAddExp(-Infinity, -3)).toBe(-3);
  });
});
