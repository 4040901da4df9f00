// Every machine-readable format, in-process: -o yaml must carry exactly the data of -o json, for
// lists, show, api and task lists. (test/e2e/formats.test.ts checks the same with the built binary,
// its bundled yaml included, on a few of these commands.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeAll(async () => {
  s = startInProcessSim();
  // the first command loads the command modules: under the hook's longer limit, not a test's
  await run(['node', 'list', '-o', 'yaml'], { env: s.env });
});
afterAll(() => s.close());

const commands: string[][] = [
  ['vm', 'list'],
  ['ct', 'list'],
  ['node', 'list'],
  ['vm', 'show', 'web-1'],
  ['os', 'list'],
  ['task', 'list'],
  ['api', 'get', '/version'],
  ['vm', 'ip', 'web-1'],
];

// live counters (uptime, cpu, mem, task times) may move between the two calls
const moving = new Set(['uptime', 'cpu', 'mem', 'starttime', 'endtime']);
const still = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(still)
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).filter(([k]) => !moving.has(k)))
      : v;

it.each(commands)('%s %s … -o yaml parses to the same data as -o json', async (...args) => {
  const json = await run([...args, '-o', 'json'], { env: s.env });
  const yaml = await run([...args, '-o', 'yaml'], { env: s.env });
  expect(json.code, json.stderr).toBe(0);
  expect(yaml.code, yaml.stderr).toBe(0);
  expect(still(parse(yaml.stdout))).toEqual(still(JSON.parse(json.stdout)));
});
