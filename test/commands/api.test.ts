import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCall } from '../../src/commands/api/call.js';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';

let s: InProcessSim;
beforeEach(() => {
  s = startInProcessSim();
});
afterEach(() => s.close());

describe('pvectl api', () => {
  it('get prints the data as indented JSON, on a TTY or not', async () => {
    for (const tty of [false, true]) {
      const r = await run(['api', 'get', '/cluster/resources', '-d', 'type=node'], { env: s.env, tty });
      expect(r.code).toBe(0);
      const data = JSON.parse(r.stdout) as { node: string }[];
      expect(data.map((n) => n.node)).toEqual(['pve1', 'pve2', 'pve3']);
      expect(r.stdout).toBe(`${JSON.stringify(data, null, 2)}\n`);
    }
    expect(s.sim.requestLog.map((l) => l.params)).toEqual([{ type: 'node' }, { type: 'node' }]);
  });

  it('accepts the /api2/json prefix and a ?query; -o yaml prints YAML', async () => {
    const r = await run(['api', 'get', '/api2/json/nodes/pve1/version', '-o', 'yaml'], { env: s.env });
    expect(r).toEqual({ code: 0, stdout: 'version: 9.1.4\nrelease: "9.1"\nrepoid: 5a5e3f4b9c1d2e7f\n', stderr: '' });
    await run(['api', 'get', '/cluster/resources?type=vm'], { env: s.env });
    expect(s.sim.requestLog.at(-1)).toMatchObject({ path: '/cluster/resources', params: { type: 'vm' } });
  });

  it('post sends -d pairs as the body; --dry-run only prints the call', async () => {
    const dry = await run(['api', 'post', '/nodes/pve1/qemu/102/status/start', '-d', 'timeout=30', '--dry-run'], {
      env: s.env,
    });
    expect(dry).toEqual({
      code: 0,
      stdout: 'POST /api2/json/nodes/pve1/qemu/102/status/start {"timeout":"30"}\n',
      stderr: '',
    });
    expect(s.sim.requestLog).toEqual([]);
    const real = await run(['api', 'post', '/nodes/pve1/qemu/102/status/start'], { env: s.env });
    expect(real.code).toBe(0);
    expect(JSON.parse(real.stdout)).toMatch(/^UPID:pve1:/);
    expect(s.sim.requestLog.map((l) => `${l.method} ${l.path}`)).toEqual(['POST /nodes/pve1/qemu/102/status/start']);
  });

  it('Proxmox errors keep their exit codes', async () => {
    const missing = await run(['api', 'get', '/nodes/pve1/qemu/999/config'], { env: s.env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^Error: GET \/nodes\/pve1\/qemu\/999\/config: .*does not exist/);
    const bad = await run(['api', 'get', '/cluster/resources', '-d', 'type=bogus'], { env: s.env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/type/);
  });

  it.each([
    [
      ['api', 'get', 'cluster/resources'],
      'Error: "cluster/resources" is not an API path: it must start with "/", e.g. /cluster/resources or ' +
        '/nodes/pve1/status\n',
    ],
    [['api', 'get', '/cluster/resources', '-d', 'type'], 'Error: -d "type": expected key=value, e.g. -d type=vm\n'],
    [['api', 'get', '/cluster/resources', '-d', '=vm'], 'Error: -d "=vm": expected key=value, e.g. -d type=vm\n'],
    [
      ['api', 'put', '/x', '-d', 'a=1', '-d', 'a=2'],
      'Error: -d a is given twice; Proxmox list parameters take one value, e.g. -d "a=a,b"\n',
    ],
  ])('%j is a usage error and nothing is sent', async (args, stderr) => {
    expect(await run(args, { env: s.env })).toEqual({ code: 2, stdout: '', stderr });
    expect(s.sim.requestLog).toEqual([]);
  });
});

describe('parseCall', () => {
  it('strips /api2/json, merges the query with -d, keeps "=" inside values', () => {
    expect(parseCall('/api2/json/cluster/resources?type=vm', ['x=a=b'])).toEqual({
      path: '/cluster/resources',
      params: { type: 'vm', x: 'a=b' },
    });
    expect(parseCall('/api2/json', [])).toEqual({ path: '/', params: {} });
    expect(parseCall(' /version ', ['empty='])).toEqual({ path: '/version', params: { empty: '' } });
  });
});
