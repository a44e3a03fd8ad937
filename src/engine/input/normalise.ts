/**
 * Folds what a Chinese keyboard or a pasted sheet puts around a number into plain ASCII, so that one
 * grammar reads them all: full-width digits and signs (１２，０００．５０％), the many minus signs,
 * and spaces — including the no-break and thin spaces some locales group digits with.
 */

// U+FF01..U+FF5E are the full-width forms of ASCII U+0021..U+007E; ￥ (U+FFE5) is kept as a sign.
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const MINUS_SIGNS = /[\u2212\u2012\u2013\uFE63]/g;
const SPACES = /[\s\u00A0\u2007\u2009\u202F\u3000]+/g;
// Spaces between digits group thousands ("1 234 567"); anywhere else they only pad.
const DIGIT_SPACE_DIGIT = /(\d)[\s\u00A0\u2007\u2009\u202F\u3000]+(?=\d)/g;

export function normaliseInput(raw: string): string {
  return raw
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(MINUS_SIGNS, '-')
    .replace(DIGIT_SPACE_DIGIT, '$1,')
    .replace(SPACES, '');
}
