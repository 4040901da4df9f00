// The built pvectl against pvesim over HTTPS: listings and show, as a user types them.
// Needs `npm run build`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSchemaViolations, runCli, startSim, type SimServer } from '../helpers/sim.js';

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ guests: 40 });
});
afterAll(async () => {
  expectNoSchemaViolations(sim);
  await sim.close();
});

const cli = (args: string[]) => runCli(args, { sim });

describe('listing end to end', () => {
  it('vm list: a plain table on a pipe, from one request', async () => {
    const r = await cli(['vm', 'list', '--name', '*-?', '--sort', 'name']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        /^VMID  NAME +STATUS +NODE  CPUS +MEMORY +DISK +UPTIME  TAGS\n/.source +
          /102 +db-1 +stopped +pve1 +4 +4\.0 GiB +64\.0 GiB +- +db\n100 +web-1 +running +pve1 /.source,
      ),
    );
    expect(r.stdout).not.toContain('\u001b[');
    expect(sim.sim.requestLog.filter((l) => l.path === '/cluster/resources')).toHaveLength(1);
  });

  it('vm list -o json over the seed plus generated guests', async () => {
    const r = await cli(['vm', 'list', '-o', 'json', '--tag', 'generated']);
    expect(r.code).toBe(0);
    const guests = JSON.parse(r.stdout) as { vmid: number; type: string; tags: string[] }[];
    expect(guests).toHaveLength(30);
    expect(guests.every((g) => g.type === 'qemu' && g.tags.includes('generated'))).toBe(true);
    expect(guests.map((g) => g.vmid)).toEqual([...guests.map((g) => g.vmid)].sort((a, b) => a - b));
  });

  it('ct list -o id, node list with an offline node, vm show with IPs', async () => {
    expect((await cli(['ct', 'list', '-o', 'id', '--name', '*-1'])).stdout).toBe('200\n201\n');
    sim.sim.setNodeOnline('pve3', false);
    try {
      const nodes = await cli(['node', 'list']);
      expect(nodes.code).toBe(0);
      expect(nodes.stdout).toMatch(/\npve3 +offline +- +- +- +- +- +- +-\n$/);
      const vms = await cli(['vm', 'list', '--node', 'pve3', '-o', 'json']);
      expect(
        JSON.parse(vms.stdout).every(
          (g: { status: string; maxmem: unknown }) => g.status === 'unknown' && g.maxmem === null,
        ),
      ).toBe(true);
    } finally {
      sim.sim.setNodeOnline('pve3', true);
    }
    const show = await cli(['vm', 'show', 'web-1', '-o', 'json']);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ vmid: 100, name: 'web-1', config: { name: 'web-1' }, pending: [] });
  });

  it('api get prints JSON; a bad column exits 2 without a request', async () => {
    const api = await cli(['api', 'get', '/nodes']);
    expect((JSON.parse(api.stdout) as { node: string }[]).map((n) => n.node).sort()).toEqual(['pve1', 'pve2', 'pve3']);
    const before = sim.sim.requestLog.length;
    const bad = await cli(['vm', 'list', '--columns', 'nope']);
    expect(bad.code).toBe(2);
    expect(sim.sim.requestLog.length).toBe(before);
  });
});
