// FetchLike on node:https with the region's Agent (trusting-agent.ts): one request, the reason
// phrase Proxmox puts its error text in, the body buffered up to a limit (see answer-size.ts), no
// redirect ever followed (it would carry the token elsewhere; node:https follows none).
import { isAscii } from 'node:buffer';
import { request, type Agent } from 'node:https';
import type { ClientRequest, IncomingHttpHeaders } from 'node:http';
import { PvectlError, UsageError } from '../errors.js';
import { AnswerTooLargeError, DEFAULT_MAX_ANSWER_BYTES, UndecodableAnswerError } from './answer-size.js';
import { markNeverSent, toNetworkError } from './network-error.js';
import type { FetchLike } from './transport.js';
import type { ConnectOptions } from './trusting-agent.js';

/**
 * Failures: the caller's abort or timeout is rethrown as it was raised (signal.reason); our own
 * errors (a TlsError from the trust check) as they are; connection failures as a NetworkError.
 */
export function fetchVia(
  agent: Agent,
  connectTimeoutMs?: number,
  maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES,
): FetchLike {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const { signal } = init;
      if (signal?.aborted) return reject(signal.reason);
      const target = new URL(url);
      if (target.protocol !== 'https:') {
        return reject(new UsageError(`refusing to connect to ${target.origin}: pvectl only talks HTTPS`));
      }
      let settled = false;
      let req: ClientRequest | undefined;
      const tooLarge = () =>
        new AnswerTooLargeError(`${init.method} ${target.pathname}`, target.origin, maxAnswerBytes);
      const settle = () => {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
      };
      // Node writes a request once it has its connection, right after 'socket' (_http_client.js
      // onSocketNT: tickOnSocket, then _flush): a failure before that, the caller's timeout included,
      // sent nothing (network-error.ts neverSent), so that a write is not reported as lost.
      let connected = false;
      const fail = (err: unknown) => {
        if (settled) return;
        settle();
        const failure = signal?.aborted ? signal.reason : networkFailure(err, target.origin, connectTimeoutMs);
        reject(connected ? failure : markNeverSent(failure));
      };
      const options: ConnectOptions = {
        agent,
        hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: target.port || 443,
        path: target.pathname + target.search,
        method: init.method,
        headers: withAcceptEncoding(init.headers),
        // not `signal`: the Agent ends a connection still being made (Node passes our options on)
        connectSignal: signal,
      };
      // the request and its connection end at once, wherever they are
      const onAbort = () => {
        fail(signal!.reason);
        req?.destroy();
      };
      try {
        req = request(options);
      } catch (err) {
        settle();
        return reject(unsendable(err, target.origin));
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      req.once('socket', () => (connected = true));
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxAnswerBytes) {
            // stop reading (and holding) it at once: the rest may never end
            fail(tooLarge());
            req?.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', fail); // the connection closed mid-answer (ECONNRESET "aborted")
        res.on('end', () => {
          if (settled) return;
          settle();
          // Node frees the connection for the next request in a process.nextTick queued when the
          // answer ends (_http_client.js responseOnEnd → responseKeepAlive); a request sent before
          // that opens a second connection (and TLS handshake). Ours waits for the next turn of
          // the event loop, after any tick or promise callback queued now.
          decode(Buffer.concat(chunks), res.headers['content-encoding'], maxAnswerBytes).then(
            (text) => {
              const headers = res.headers;
              const answer = {
                status: res.statusCode ?? 0,
                statusText: reasonPhrase(res.statusMessage),
                headers: { get: (name: string) => headerValue(headers, name) },
                text: async () => text,
              };
              setImmediate(resolve, answer);
            },
            (err: unknown) => reject(undecodable(err, tooLarge, target.origin)),
          );
        });
      });
      req.end(init.body);
    });
}

// pveproxy gzips answers over 1 KiB when asked (pvesim's 5,000-guest listing: 1.6 MB → 240 kB; a
// few ms to inflate, far less than the transfer over a real link).
function withAcceptEncoding(headers: Record<string, string>): Record<string, string> {
  if (Object.keys(headers).some((k) => k.toLowerCase() === 'accept-encoding')) return headers;
  return { ...headers, 'accept-encoding': 'gzip' };
}

async function decode(body: Buffer, encoding: string | undefined, max: number): Promise<string> {
  const coding = String(encoding ?? '')
    .trim()
    .toLowerCase();
  if (coding !== 'gzip' && coding !== 'x-gzip') return bodyText(body);
  const { gunzipSync } = await import('node:zlib');
  // inflation stops at the limit: a small "gzip bomb" never grows past it
  return bodyText(gunzipSync(body, { maxOutputLength: max, chunkSize: inflatedSize(body, max) }));
}

/**
 * The size of zlib's output pieces: the size the gzip trailer announces (ISIZE, the last member's
 * length mod 2^32), so a listing inflates into one buffer instead of 16 KiB pieces joined by a copy
 * (issue 13: ~130 pieces, ~5 ms for 2.1 MB). Only a hint: a wrong or hostile trailer changes the
 * pieces, never the text, and the limit above still holds; the piece is capped by that limit.
 */
function inflatedSize(body: Buffer, max: number): number {
  const announced = body.length >= 18 ? body.readUInt32LE(body.length - 4) : 0;
  return Math.max(MIN_PIECE, Math.min(max, announced + 1));
}

const MIN_PIECE = 16 * 1024; // zlib's default

/**
 * UTF-8 text of the body. An ASCII body (a listing of ASCII names: nearly always) is the same text
 * in latin1, which Node decodes without UTF-8's checks: ~4 ms less for a 2.1 MB listing (issue 13).
 */
function bodyText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function undecodable(err: unknown, tooLarge: () => PvectlError, origin: string): unknown {
  if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge();
  if (err instanceof PvectlError || !(err instanceof Error)) return err;
  return new UndecodableAnswerError(`the answer from ${origin} is not valid gzip as announced (${err.message})`, {
    cause: err,
  });
}

// Node gives the reason phrase's bytes as latin1 characters; Proxmox writes its error text there
// as UTF-8 (a path, a storage or guest name), which undici and fetch decode: so do we.
function reasonPhrase(raw: string | undefined): string {
  return raw ? Buffer.from(raw, 'latin1').toString('utf8') : '';
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function networkFailure(err: unknown, origin: string, connectTimeoutMs?: number): unknown {
  if (err instanceof PvectlError) return err;
  return toNetworkError(origin, err, connectTimeoutMs) ?? err;
}

/**
 * What Node throws while building a request (a header value it refuses, ERR_INVALID_CHAR; a method
 * or header name, ERR_INVALID_HTTP_TOKEN): no connection was made and nothing was sent, and trying
 * again cannot help. Node names the header, never its value (the token).
 */
function unsendable(err: unknown, origin: string): unknown {
  if (!(err instanceof Error)) return err;
  return new UsageError(`cannot send the request to ${origin}: ${err.message}`, {
    hint: "Check the region's token id and secret: an HTTP header carries visible ASCII characters only.",
    cause: err,
  });
}
