// The answer to the call that makes the guest is lost (the simulator applies the write, then drops
// the connection: Faults.loseResponseAfterWrite). pvectl asked for that VMID and name, so it looks
// the guest up and reports it as any failure after creation (what exists, where, how to remove
// it); --rollback removes it. When the guest is not there, the outcome stays unknown and is said so.
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM_URL, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
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

const loseNextWrite = () => {
  s.sim.faults.loseResponseAfterWrite = 1;
};
/** How a lost answer to `call` reads inside the report (in-process: msw's dropped connection). */
const lost = (call: string) => `the answer to ${call} was lost (connection to ${SIM_URL} failed: no answer)`;
const firstWriteIs = (call: string) => expect(writes(s)[0]?.split(' {')[0]).toBe(call);

describe('vm create whose clone or create answer is lost', () => {
  it('clone: says VM 104 exists and how to remove it (exit 1)', async () => {
    loseNextWrite();
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'Error: VM 104 (web-3) exists on pve1 but could not be cloned completely: ' +
        `${lost('POST /nodes/pve1/qemu/9000/clone')}\n` +
        'Remove it with: pvectl vm delete 104 --yes --force\n',
    );
    firstWriteIs('POST /nodes/pve1/qemu/9000/clone');
    expect(writes(s)).toHaveLength(1); // nothing more was sent to a guest it could not be sure of
    expect(s.sim.state.guests.has(104)).toBe(true);
  });

  it('clone with --rollback: VM 104 is removed again', async () => {
    loseNextWrite();
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--rollback'], { env });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe(
      'Removing VM 104 (--rollback)\n' +
        'Error: VM 104 (web-3) could not be cloned completely: ' +
        `${lost('POST /nodes/pve1/qemu/9000/clone')}. It was removed again (--rollback).\n`,
    );
    expect(s.sim.state.guests.has(104)).toBe(false);
    expect(writes(s).at(-1)).toMatch(/^DELETE \/nodes\/pve1\/qemu\/104 /);
  });

  it('cloud image: the create call (after the download) is the one lost', async () => {
    // the download's answer arrives; the create's is lost
    s.server.use(
      http.post(`${SIM_URL}/api2/json/nodes/pve1/qemu`, () => {
        loseNextWrite();
        return undefined;
      }),
    );
    const r = await run(['vm', 'create', 'new-1', '--os', 'ubuntu', '--rollback'], { env });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(
      'Error: VM 104 (new-1) could not be created completely: ' +
        `${lost('POST /nodes/pve1/qemu')}. It was removed again (--rollback).\n`,
    );
    expect(s.sim.state.guests.has(104)).toBe(false);
  });
});

describe('ct create whose create answer is lost', () => {
  it('says CT 104 exists and how to remove it; --rollback removes it', async () => {
    loseNextWrite();
    const r = await run(['ct', 'create', 'c-1', '--os', 'debian-12'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Error: CT 104 (c-1) exists on pve1 but could not be created completely: ' +
        `${lost('POST /nodes/pve1/lxc')}\n` +
        'Remove it with: pvectl ct delete 104 --yes --force\n',
    );
    expect(s.sim.state.guests.has(104)).toBe(true);

    loseNextWrite();
    const again = await run(['ct', 'create', 'c-2', '--os', 'debian-12', '--rollback'], { env });
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain('CT 105 (c-2) could not be created completely');
    expect(again.stderr).toContain('It was removed again (--rollback).');
    expect(s.sim.state.guests.has(105)).toBe(false);
  });

  it('when no guest is found, the outcome stays unknown and the message says how to check', async () => {
    // the connection drops before Proxmox made anything
    s.server.use(http.post(`${SIM_URL}/api2/json/nodes/pve1/lxc`, () => HttpResponse.error()));
    const r = await run(['ct', 'create', 'c-1', '--os', 'debian-12', '--rollback'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Error: POST /nodes/pve1/lxc: the answer was lost after the request was sent ' +
        `(connection to ${SIM_URL} failed: no answer); `,
    );
    expect(r.stderr).toContain('the outcome is unknown and the change was probably applied\n');
    expect(r.stderr).toContain('Check before repeating it: `pvectl task list --running` shows a task it started');
    expect(r.stderr).toContain('`pvectl ct show 104` shows whether CT 104 now exists.\n');
    expect(r.stderr).not.toContain('Removing');
  });
});
