// Issue 7 §3 on the create path: every call of `vm/ct create` checks the answer's shape, so a 2xx
// that is not what Proxmox sends is exit 1, "unexpected answer from METHOD PATH: …" — before any
// write when a read is odd; after the create call, reported like a lost answer (./make.ts).
// One msw handler in front of the simulator gives the odd answer.
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM_URL, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { newGuest } from '../../sim/src/model/guest-factory.js';
import { expectConforming, homeWithKey, serveChecksumLists, writes } from './create-helpers.js';

let s: InProcessSim;
let env: Record<string, string>;

beforeEach(() => {
  s = startInProcessSim();
  serveChecksumLists(s);
  env = { ...s.env, HOME: homeWithKey() };
});
afterEach(() => {
  expectConforming(s);
  s.close();
});

const HINT = 'The server answered, but not as Proxmox VE does; a proxy or load balancer in the way can cause this.\n';
const answer = (method: 'get' | 'post', path: string, data: unknown) =>
  s.server.use(http[method](`${SIM_URL}/api2/json${path}`, () => HttpResponse.json({ data })));

describe('odd answers to the reads before the first write', () => {
  it.each([
    [['ct', 'create', 'c-1', '--os', 'debian-12'], '/nodes/pve1/storage', null, 'data is null, expected a list'],
    [
      ['vm', 'create', 'new-1', '--os', 'ubuntu'],
      '/nodes',
      ['pve1'],
      'item 0 is a string ("pve1"), expected an object',
    ],
    [
      ['ct', 'create', 'c-1', '--os', 'debian-12'],
      '/nodes/pve1/network',
      [{ type: 'bridge' }],
      '"iface" is nothing, expected a string',
    ],
  ])('%j: GET %s answering %j is exit 1 and writes nothing', async (argv, path, data, problem) => {
    answer('get', path, data);
    const r = await run(argv, { env });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `Error: unexpected answer from GET ${path}: ${problem}\n${HINT}`,
    });
    expect(writes(s)).toEqual([]);
  });
});

describe('an odd answer to the create call itself', () => {
  it('vm create: {"data":null} from POST /nodes/pve1/qemu is not taken for a dry run', async () => {
    answer('post', '/nodes/pve1/qemu', null);
    const r = await run(['vm', 'create', 'new-1', '--os', 'ubuntu'], { env });
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'Error: unexpected answer from POST /nodes/pve1/qemu: data is null, expected a task id (UPID:…)\n' + HINT,
    );
    expect(r.code).toBe(1);
    // the download before it is the only write the simulator saw (msw answered the create), and
    // nothing was sent to the VM after the odd answer
    expect(writes(s).map((w) => w.split(' {')[0])).toEqual(['POST /nodes/pve1/storage/local/download-url']);
  });

  it('ct create: a create that took effect but answered "OK" is reported as made; --rollback removes it', async () => {
    s.server.use(
      http.post(`${SIM_URL}/api2/json/nodes/pve1/lxc`, () => {
        // as if Proxmox wrote the container and a proxy mangled the answer
        s.sim.state.guests.set(
          104,
          newGuest(() => 0.5, 104, 'lxc', 'pve1', { hostname: 'c-1' }),
        );
        return HttpResponse.json({ data: 'OK' });
      }),
    );
    const r = await run(['ct', 'create', 'c-1', '--os', 'debian-12', '--rollback'], { env });
    expect(r.stderr).toContain(
      'Error: CT 104 (c-1) could not be created completely: unexpected answer from POST /nodes/pve1/lxc: ' +
        'data is a string ("OK"), expected a task id (UPID:…). It was removed again (--rollback).\n',
    );
    expect(r.code).toBe(1);
    expect(s.sim.state.guests.has(104)).toBe(false);
    expect(writes(s).at(-1)).toMatch(/^DELETE \/nodes\/pve1\/lxc\/104 /);
  });
});
