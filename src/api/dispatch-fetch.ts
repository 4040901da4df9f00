// FetchLike on an undici dispatcher, without undici's WHATWG fetch (its streams, webidl and Headers
// cost more start-up than the rest of a listing): one request, the reason phrase Proxmox puts its
// error text in, the body buffered up to a limit (see answer-size.ts), no redirect ever followed
// (it would carry the token elsewhere).
import type { Dispatcher } from 'undici';
import { PvectlError } from '../errors.js';
import { AnswerTooLargeError, DEFAULT_MAX_ANSWER_BYTES, UndecodableAnswerError } from './answer-size.js';
import { toNetworkError } from './network-error.js';
import type { FetchLike } from './transport.js';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Failures: the caller's abort or timeout is rethrown as it was raised (signal.reason); our own
 * errors (a TlsError from the trust check) as they are; connection failures as a NetworkError.
 */
export function fetchVia(
  dispatcher: Pick<Dispatcher, 'dispatch'>,
  connectTimeoutMs?: number,
  maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES,
): FetchLike {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const { signal } = init;
      if (signal?.aborted) return reject(signal.reason);
      const target = new URL(url);
      let settled = false;
      let controller: Dispatcher.DispatchController | undefined;
      let status = 0;
      let statusText = '';
      let headers: Headers = {};
      const chunks: Buffer[] = [];
      let received = 0;
      const tooLarge = () =>
        new AnswerTooLargeError(`${init.method} ${target.pathname}`, target.origin, maxAnswerBytes);

      const settle = () => {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (err: unknown) => {
        if (settled) return;
        settle();
        reject(signal?.aborted ? signal.reason : networkFailure(err, target.origin, connectTimeoutMs));
      };
      // Before the request has a connection there is nothing to abort yet: onRequestStart does it.
      const onAbort = () => {
        fail(signal!.reason);
        controller?.abort(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      dispatcher.dispatch(
        {
          origin: target.origin,
          path: target.pathname + target.search,
          method: init.method as Dispatcher.HttpMethod,
          headers: withAcceptEncoding(init.headers),
          body: init.body ?? null,
        },
        {
          onRequestStart(c) {
            controller = c;
            if (signal?.aborted) c.abort(signal.reason);
          },
          onResponseStart(_c, statusCode, h, statusMessage) {
            status = statusCode;
            statusText = statusMessage ?? '';
            headers = h;
          },
          onResponseData(c, chunk) {
            received += chunk.length;
            if (received > maxAnswerBytes) {
              // stop reading (and holding) it at once: the rest may never end
              const err = tooLarge();
              fail(err);
              c.abort(err);
              return;
            }
            chunks.push(chunk);
          },
          onResponseEnd() {
            if (settled) return;
            settle();
            // undici frees the connection in a setImmediate it queues when this callback returns; a
            // request sent before that runs opens a second connection (and TLS handshake). Ours,
            // queued from a promise callback, runs after undici's.
            decode(Buffer.concat(chunks), headers['content-encoding'], maxAnswerBytes).then(
              (text) => {
                const res = {
                  status,
                  statusText,
                  headers: { get: (name: string) => headerValue(headers, name) },
                  text: async () => text,
                };
                setImmediate(resolve, res);
              },
              (err: unknown) => reject(undecodable(err, tooLarge, target.origin)),
            );
          },
          onResponseError(_c, err) {
            fail(err);
          },
        },
      );
    });
}

// pveproxy gzips answers over 1 KiB when asked, as undici's fetch did ask (pvesim's 5,000-guest
// listing: 1.6 MB → 240 kB; a few ms to inflate, far less than the transfer over a real link).
function withAcceptEncoding(headers: Record<string, string>): Record<string, string> {
  if (Object.keys(headers).some((k) => k.toLowerCase() === 'accept-encoding')) return headers;
  return { ...headers, 'accept-encoding': 'gzip' };
}

async function decode(body: Buffer, encoding: string | string[] | undefined, max: number): Promise<string> {
  const coding = String(encoding ?? '')
    .trim()
    .toLowerCase();
  if (coding !== 'gzip' && coding !== 'x-gzip') return body.toString('utf8');
  const { gunzipSync } = await import('node:zlib');
  // inflation stops at the limit: a small "gzip bomb" never grows past it
  return gunzipSync(body, { maxOutputLength: max }).toString('utf8');
}

function undecodable(err: unknown, tooLarge: () => PvectlError, origin: string): unknown {
  if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge();
  if (err instanceof PvectlError || !(err instanceof Error)) return err;
  return new UndecodableAnswerError(`the answer from ${origin} is not valid gzip as announced (${err.message})`, {
    cause: err,
  });
}

function headerValue(headers: Headers, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function networkFailure(err: unknown, origin: string, connectTimeoutMs?: number): unknown {
  if (err instanceof PvectlError) return err;
  return toNetworkError(origin, err, connectTimeoutMs) ?? err;
}
