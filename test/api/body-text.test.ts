// How https-fetch.ts turns an answer's bytes into text (issue 13): an ASCII body is decoded as
// latin1 and a gzip body inflated into a piece the size its trailer announces. Both are shortcuts
// that must give exactly Buffer#toString('utf8') of the inflated bytes, whatever the body; a
// trailer that lies is bad gzip, refused as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { makeCertificates, type CertificateSet } from '../../sim/src/cert.js';
import { createTransport, type Transport } from '../../src/api/transport.js';
import { startTestServer, type TestServer } from '../helpers/tls-server.js';

let certs: CertificateSet;
let server: TestServer;
let transport: Transport;
// what the next request answers: its bytes, gzipped or not
let next: { body: Buffer; gzip: boolean } = { body: Buffer.alloc(0), gzip: false };

beforeAll(async () => {
  certs = makeCertificates();
  server = await startTestServer({
    cert: certs.certPem,
    key: certs.keyPem,
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', ...(next.gzip ? { 'content-encoding': 'gzip' } : {}) });
      res.end(next.body);
    },
  });
  transport = createTransport(
    { name: 'lab', url: server.url, tokenId: 't', tokenSecret: 's', defaults: {}, fingerprint: certs.fingerprint },
    { warn: () => {} },
  );
});

afterAll(async () => {
  await transport.close();
  await server.close();
});

async function textOf(body: Buffer, gzip: boolean): Promise<string> {
  next = { body, gzip };
  const res = await transport.fetch(`${server.url}/api2/json/cluster/resources`, { method: 'GET', headers: {} });
  return res.text();
}

/** The gzip bytes with the trailer's size (ISIZE, the last 4 bytes) replaced. */
function withTrailer(gz: Buffer, size: number): Buffer {
  const out = Buffer.from(gz);
  out.writeUInt32LE(size >>> 0, out.length - 4);
  return out;
}

const listing = (name: string) =>
  JSON.stringify({ data: Array.from({ length: 3000 }, (_, i) => ({ vmid: 100 + i, name: `${name}-${i}` })) });

const bodies: Record<string, Buffer> = {
  'ASCII (latin1 path)': Buffer.from(listing('web')),
  'accents, CJK and emoji (UTF-8 path)': Buffer.from(listing('café-数据-🚀')),
  'one non-ASCII byte at the very end': Buffer.from(`${listing('web')}é`),
  'invalid UTF-8 (replacement characters, as before)': Buffer.concat([
    Buffer.from('{"data":"'),
    Buffer.from([0xff, 0xc3, 0x28, 0x80]),
    Buffer.from('"}'),
  ]),
  'DEL and NUL (ASCII, exact)': Buffer.from('{"data":"\x7f\x00 end"}', 'latin1'),
  empty: Buffer.alloc(0),
};

describe('the answer as text', () => {
  for (const [name, body] of Object.entries(bodies)) {
    it(`${name}: plain and gzipped, the UTF-8 text of the bytes`, async () => {
      const expected = body.toString('utf8');
      expect(await textOf(body, false)).toBe(expected);
      expect(await textOf(gzipSync(body), true)).toBe(expected);
    });
  }

  it('a gzip trailer that lies about the size is refused as bad gzip, as before (zlib checks it)', async () => {
    const body = bodies['accents, CJK and emoji (UTF-8 path)']!;
    const gz = gzipSync(body);
    expect(await textOf(withTrailer(gz, body.length), true)).toBe(body.toString('utf8'));
    for (const size of [0, 1, body.length - 1, body.length + 1, 10 * body.length, 2 ** 32 - 1]) {
      await expect(textOf(withTrailer(gz, size), true)).rejects.toThrow(/is not valid gzip as announced/);
    }
  });

  it('two gzip members in a row are inflated whole, as before', async () => {
    const a = Buffer.from(listing('a'));
    const b = Buffer.from(listing('ü'));
    expect(await textOf(Buffer.concat([gzipSync(a), gzipSync(b)]), true)).toBe(Buffer.concat([a, b]).toString('utf8'));
  });
});
