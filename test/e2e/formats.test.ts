// Every machine-readable format of the built binary (bundled dependencies included): -o yaml must
// carry exactly the data of -o json, for lists, show, api and bulk results.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectNoSchemaViolations, runCli, startSim, type SimServer } from '../helpers/sim.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  expectNoSchemaViolations(sim);
  await sim.close();
});

// The same comparison for every command runs in-process (test/commands/formats.test.ts); here the
// built binary proves it with its bundled yaml on a listing and on a raw API answer.
const commands: string[][] = [
  ['vm', 'list'],
  ['api', 'get', '/version'],
];

it.each(commands)('%s %s … -o yaml parses to the same data as -o json', async (...args) => {
  const json = await runCli([...args, '-o', 'json'], { sim });
  const yaml = await runCli([...args, '-o', 'yaml'], { sim });
  expect(json.code, json.stderr).toBe(0);
  expect(yaml.code, yaml.stderr).toBe(0);
  // live counters (uptime, cpu, mem, task times) move between the two calls
  const moving = new Set(['uptime', 'cpu', 'mem', 'starttime', 'endtime']);
  const still = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(still)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).filter(([k]) => !moving.has(k)))
        : v;
  expect(still(parse(yaml.stdout))).toEqual(still(JSON.parse(json.stdout)));
});

it('bulk results in yaml', async () => {
  const r = await runCli(['vm', 'start', 'web-1', '-o', 'yaml'], { sim });
  expect(r.code, r.stderr).toBe(0);
  expect(parse(r.stdout)).toMatchObject([{ vmid: 100, name: 'web-1', ok: true }]);
});
