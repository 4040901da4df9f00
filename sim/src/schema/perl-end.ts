// Perl's `$` (without /m) also matches just before a final newline, so PVE's `m/^…$/` checks
// accept "value\n". Hand-written format checks use this helper to keep that behaviour.

/** Tests a `^…$` regex the way Perl would: a single trailing "\n" is allowed. */
export function perlFull(re: RegExp, value: string): boolean {
  return re.test(value) || (value.endsWith('\n') && re.test(value.slice(0, -1)));
}
