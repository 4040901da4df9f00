// /cluster/resources of a big cluster goes out in parts (src/model/answer-cache.ts), gzipped
// part by part into one gzip member (answer-gzip.ts): the bytes a client reads are those of
// JSON.stringify({ data }), plain or gzipped, and the gzip form is one member with the CRC-32 and
// length of the whole (RFC 1952), as pveproxy's Compress::Zlib::memGzip writes (pve-http-server
// src/PVE/APIServer/AnyEvent.pm `response`).
import { crc32, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, startSim, type SimServer } from '../../test/helpers/sim.js';
import { VirtualClock } from '../../test/helpers/virtual-clock.js';

let sim: SimServer;
const clock = new VirtualClock(Date.UTC(2026, 0, 2, 3, 4, 5, 600));
beforeAll(async () => {
  sim = await startSim({ guests: 3000, clock: clock.forSimulator() }); // 3 parts of 1,024 entries and more
});
afterAll(() => sim.close());

describe('an answer in parts', () => {
  it('is JSON.stringify of the entries, plain and in one gzip member, second after second', async () => {
    // a name beyond ASCII: byte offsets of the uptimes differ from character indexes from there on
    sim.sim.state.guests.get(1000)!.config.name = 'wéb-ünï';
    let before: Buffer | undefined;
    for (let second = 0; second < 2; second++) {
      const plain = await rawGet(sim, '/cluster/resources');
      if (before) expect(plain.body.equals(before)).toBe(false); // the uptimes moved on
      before = plain.body;
      const data = JSON.parse(plain.body.toString()).data;
      expect(data.length).toBe(3007 + 3 + 6 + 2 + 3); // guests, nodes, storages, pools, networks
      expect(plain.body.toString()).toBe(JSON.stringify({ data }));
      expect(data.find((e: { id: string }) => e.id === 'qemu/1000').name).toBe('wéb-ünï');
      const gz = await rawGet(sim, '/cluster/resources', 'gzip');
      expect(gz.encoding).toBe('gzip');
      // Buffer.equals: a deep toEqual of a 1 MB buffer walks it byte by byte (seconds)
      expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
      expect(gz.body.length).toBeLessThan(plain.body.length / 3);
      // one member: its trailer is the CRC-32 and length of the whole answer
      expect(gz.body.readUInt32LE(gz.body.length - 8)).toBe(crc32(plain.body) >>> 0);
      expect(gz.body.readUInt32LE(gz.body.length - 4)).toBe(plain.body.length);
      await clock.advance(1000); // every running guest's uptime moves on
    }
  });
});
