// A real HTTPS server on 127.0.0.1 that records what reached it: TLS connections, decrypted bytes,
// requests and their Authorization headers. Trust tests assert that an untrusted server saw nothing.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { createTransport, type Transport } from '../../src/api/transport.js';
import type { Region } from '../../src/config/types.js';

export interface SeenBy {
  /** TCP connections, whether or not the TLS handshake completed */
  tcpConnections: number;
  /** TLS connections whose handshake completed on the server's side */
  connections: number;
  bytes: number;
  requests: { method: string; url: string; authorization?: string }[];
  closedConnections: number;
  /** TLS connections that resumed an earlier session (abbreviated handshake, no certificate shown) */
  resumedSessions: number;
}

export interface TestServer {
  url: string;
  port: number;
  seen: SeenBy;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const ok: Handler = (_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"data":"ok"}');
};

/** `cert` may be a chain: leaf first, then its issuers. */
export async function startTestServer(opts: {
  cert: string;
  key: string;
  handler?: Handler;
  host?: string;
}): Promise<TestServer> {
  const seen: SeenBy = {
    tcpConnections: 0,
    connections: 0,
    bytes: 0,
    requests: [],
    closedConnections: 0,
    resumedSessions: 0,
  };
  const sockets = new Set<TLSSocket>();
  const handler = opts.handler ?? ok;
  const server: Server = createServer({ cert: opts.cert, key: opts.key }, (req, res) => {
    seen.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    handler(req, res);
  });
  server.on('connection', () => seen.tcpConnections++);
  server.on('secureConnection', (socket: TLSSocket) => {
    seen.connections++;
    if (socket.isSessionReused()) seen.resumedSessions++;
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => (seen.bytes += chunk.length));
    socket.on('close', () => {
      seen.closedConnections++;
      sockets.delete(socket);
    });
  });
  // A client that refuses the certificate drops the connection mid-handshake: not our error.
  server.on('tlsClientError', () => {});
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${host}:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The production transport to `url`, trusting only the certificate `fingerprint` pins. */
export function pinnedTransport(
  url: string,
  fingerprint: string,
  opts: { maxAnswerBytes?: number; connectTimeoutMs?: number } = {},
): Transport {
  const region: Region = { name: 'lab', url, tokenId: 't', tokenSecret: 's', defaults: {}, fingerprint };
  return createTransport(region, { warn: () => {}, ...opts });
}
