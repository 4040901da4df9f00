// Deviation 10 of issue 12: pveproxy compresses answers. pve-http-server src/PVE/APIServer/
// AnyEvent.pm `response`: a body over 1024 bytes is gzipped when Accept-Encoding mentions gzip,
// else deflated (Compress::Zlib::compress) when it mentions deflate; otherwise it goes plain.
import { gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, startSim, type SimServer } from '../../test/helpers/sim.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

describe('answer compression', () => {
  it('gzips a large answer for a client that accepts gzip', async () => {
    const plain = await rawGet(sim, '/cluster/resources');
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const gz = await rawGet(sim, '/cluster/resources', 'gzip, deflate');
    expect(gz.encoding).toBe('gzip');
    expect(gz.body.length).toBeLessThan(plain.body.length);
    // the same entries (uptime figures may have ticked between the two requests)
    const ids = (b: Buffer) => JSON.parse(b.toString()).data.map((r: { id: string }) => r.id);
    expect(ids(gunzipSync(gz.body))).toEqual(ids(plain.body));
  });

  it('deflates when only deflate is accepted, and leaves answers of 1024 bytes or less alone', async () => {
    const df = await rawGet(sim, '/cluster/resources', 'deflate');
    expect(df.encoding).toBe('deflate');
    expect(JSON.parse(inflateSync(df.body).toString()).data.length).toBeGreaterThan(0);
    const small = await rawGet(sim, '/version', 'gzip');
    expect(small.encoding).toBeUndefined();
    expect(JSON.parse(small.body.toString()).data.release).toBe('9.1');
  });
});
