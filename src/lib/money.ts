// Prices and amounts: checking the values `region pricing` saves, and showing what `cost` adds up.
import { UsageError } from '../errors.js';

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/** Parser for a price flag: a non-negative decimal number, no exponent, no sign. */
export function parsePrice(flag: string) {
  return (value: string): number => {
    const v = value.trim();
    const n = Number(v);
    if (!DECIMAL.test(v) || !Number.isFinite(n)) {
      throw new UsageError(
        `${flag}: "${value}" is not a price; give a non-negative decimal number, e.g. ${flag} 0.012`,
      );
    }
    return n;
  };
}

// ISO 4217 codes (EUR, USD, CHF …) are the norm; a symbol or a word such as "credits" also works.
const CURRENCY = /^[\p{L}\p{Sc}]{1,12}$/u;

export function parseCurrency(flag: string) {
  return (value: string): string => {
    const v = value.trim();
    if (!CURRENCY.test(v)) {
      throw new UsageError(`${flag}: "${value}" is not a currency; give a code such as EUR, USD or CHF`);
    }
    return /^[a-z]{3}$/i.test(v) ? v.toUpperCase() : v;
  };
}

/**
 * Sums of binary fractions carry noise (0.0332 + 0.0701 = 0.10330000000000001): twelve
 * significant digits keep every meaningful one and drop it, so JSON shows 0.1033.
 */
export function clean(amount: number): number {
  return Number(amount.toPrecision(12));
}

/** Half-up rounding of the decimal value (75.555 → 75.56), which toFixed alone gets wrong. */
export function roundTo(amount: number, decimals: number): number {
  const s = String(clean(amount));
  if (s.includes('e')) return Number(amount.toFixed(decimals)); // below 1e-6: rounds to 0 anyway
  return Number(`${Math.round(Number(`${s}e${decimals}`))}e-${decimals}`);
}

/** "0.0332 EUR"; null (size unknown) → null, which a table shows as "-". */
export function formatMoney(amount: number | null, currency: string, decimals: number): string | null {
  return amount === null ? null : `${roundTo(amount, decimals).toFixed(decimals)} ${currency}`;
}
