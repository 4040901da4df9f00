// Preloaded into the built pvectl by e2e tests (NODE_OPTIONS=--import=…, see vendorFetchEnv in
// test/helpers/vendor-lists.ts): the vendors' checksum lists that `vm create` reads with the
// global fetch are answered from $PVECTL_TEST_VENDOR_LISTS ({url: text, or null for a network
// error}); any other URL outside 127.0.0.1 fails as an unreachable host would, so no test reaches
// the internet. pvectl's API client does not use the global fetch (undici dispatcher), so the
// simulator is reached as usual.
const lists = JSON.parse(process.env.PVECTL_TEST_VENDOR_LISTS ?? '{}');
const realFetch = globalThis.fetch;

globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (new URL(url).hostname === '127.0.0.1') return realFetch(input, init);
  const text = lists[url];
  if (typeof text === 'string') return new Response(text, { status: 200, headers: { 'content-type': 'text/plain' } });
  throw new TypeError('fetch failed', {
    cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${new URL(url).hostname}`), { code: 'ENOTFOUND' }),
  });
};
