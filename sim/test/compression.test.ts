// Deviation 10 of issue 12: pveproxy compresses answers. pve-http-server src/PVE/APIServer/
// AnyEvent.pm `response`: a body over 1024 bytes is gzipped when Accept-Encoding mentions gzip,
// else deflated (Compress::Zlib::compress) when it mentions deflate; otherwise it goes plain.
import { request } from 'node:https';
import { gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimServer } from '../../test/helpers/sim.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

function get(path: string, acceptEncoding?: string): Promise<{ encoding?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `PVEAPIToken=${sim.token}` };
    if (acceptEncoding) headers['accept-encoding'] = acceptEncoding;
    const req = request(`${sim.url}/api2/json${path}`, { ca: sim.caPem, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('answer compression', () => {
  it('gzips a large answer for a client that accepts gzip', async () => {
    const plain = await get('/cluster/resources');
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const gz = await get('/cluster/resources', 'gzip, deflate');
    expect(gz.encoding).toBe('gzip');
    expect(gz.body.length).toBeLessThan(plain.body.length);
    // the same entries (uptime figures may have ticked between the two requests)
    const ids = (b: Buffer) => JSON.parse(b.toString()).data.map((r: { id: string }) => r.id);
    expect(ids(gunzipSync(gz.body))).toEqual(ids(plain.body));
  });

  it('deflates when only deflate is accepted, and leaves answers of 1024 bytes or less alone', async () => {
    const df = await get('/cluster/resources', 'deflate');
    expect(df.encoding).toBe('deflate');
    expect(JSON.parse(inflateSync(df.body).toString()).data.length).toBeGreaterThan(0);
    const small = await get('/version', 'gzip');
    expect(small.encoding).toBeUndefined();
    expect(JSON.parse(small.body.toString()).data.release).toBe('9.1');
  });
});
