// undici checks its own invariants with assert(value) and nothing else of node:assert, whose module
// (with its AssertionError, diff and colour code) would otherwise be compiled at every API command's
// start. This keeps the contract undici relies on: a false value throws an AssertionError.
class AssertionError extends Error {
  name = 'AssertionError';
  code = 'ERR_ASSERTION';
}
function assert(value, message) {
  if (value) return;
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? 'The expression evaluated to a falsy value');
}
assert.ok = assert;
assert.AssertionError = AssertionError;
module.exports = assert;
