import { expect } from 'vitest';
import { UsageError } from '../../src/errors.js';

/** The UsageError `fn` throws; the test fails if it throws anything else or nothing. */
export function usageErrorOf(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError');
}
