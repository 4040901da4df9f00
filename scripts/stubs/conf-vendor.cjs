// dist/vendor/conf.cjs (scripts/build.mjs): conf's class as module.exports, which is what the main
// bundle's `await import('conf')` takes as the default export of a CommonJS file (Node's rule).
module.exports = require('conf').default;
