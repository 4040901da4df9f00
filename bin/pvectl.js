#!/usr/bin/env node
import { enableCodeCache } from './compile-cache.js';

// before the bundle is imported, so that its compilation can come from the cache
enableCodeCache();
const { main } = await import('../dist/pvectl.js');

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Output to pipes and files is synchronous on Linux, so leaving now loses nothing; this only
// matters if something (a stray socket or timer) would otherwise hold the process open.
setTimeout(() => process.exit(code), 50).unref();
