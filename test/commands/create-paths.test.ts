// Against the in-process simulator: the cloud image path (download with the vendor's checksum,
// import-from), `vm ip` and `os list`, and creates that go wrong — a start task that fails (the
// template carries a NIC on a bridge the node lacks), --rollback, --timeout (exit 6) on the virtual
// clock. A fresh simulator per test; vendor checksum lists come from the test, never from the
// internet. (They ran as built-CLI processes over HTTPS; test/e2e/seed.test.ts and create.test.ts
// keep that path for create, vendor lists included.)
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/os/catalog.js';
import { homeWithKey, testChecksum, vendorList } from './create-helpers.js';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { expectNoSchemaViolations } from '../helpers/sim.js';
import { vendorListsFetch } from '../helpers/vendor-lists.js';

let sim: InProcessSim;
let home: string;

beforeAll(() => {
  home = homeWithKey();
});
beforeEach(() => {
  sim = startInProcessSim({ taskMs: 20 });
});
afterEach(() => {
  expectNoSchemaViolations(sim.sim);
  sim.close();
});

const NOBLE = CATALOG.find((c) => c.family === 'ubuntu' && c.version === '24.04')!;
/** pvectl in-process, HOME with an SSH key; vendor checksum lists from `lists`, other hosts unreachable */
const cli = (args: string[], lists: Record<string, string | null> = {}) =>
  run(args, { env: { ...sim.env, HOME: home }, webFetch: vendorListsFetch(lists) });

/** Tasks of these types take this long (ms): the simulator runs in this process. */
function slowTasks(durations: Record<string, number>): void {
  const start = sim.sim.tasks.start.bind(sim.sim.tasks);
  sim.sim.tasks.start = (spec) =>
    start(durations[spec.type] !== undefined ? { ...spec, durationMs: durations[spec.type] } : spec);
}

/** Clones of template 9000 get a second NIC on a bridge no node has: their start task fails. */
function brokenTemplate(): void {
  sim.sim.state.guests.get(9000)!.config.net1 = 'virtio=BC:24:11:AA:BB:CC,bridge=vmbr7';
}

describe('vm create from a cloud image', () => {
  it('downloads ubuntu-24.04 with the vendor checksum, imports it, starts the VM; vm ip agrees', async () => {
    const r = await cli(['vm', 'create', 'img-1', '--os', 'ubuntu-24.04', '--node', 'pve2', '-o', 'json'], {
      [NOBLE.checksum.listUrl]: vendorList(NOBLE),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        '^Downloading ubuntu-24\\.04-server-cloudimg-amd64\\.qcow2 to local on pve2\\n' +
          'Creating VM 104 \\(img-1\\) on pve2 from ubuntu-24\\.04-server-cloudimg-amd64\\.qcow2\\n' +
          'Growing scsi0 of 104 to 20G\\nUploading cloud-init seed pvectl-seed-104\\.iso to local\\n' +
          'Starting 104\\nWaiting for IP: \\d+\\.\\d+\\.\\d+\\.\\d+\\n$',
      ),
    );
    const made = JSON.parse(r.stdout) as { vmid: number; node: string; status: string; ips: string[] };
    expect(made).toMatchObject({ vmid: 104, node: 'pve2', status: 'running' });
    const download = sim.sim.requestLog.find((e) => e.path.endsWith('/download-url'));
    expect(download?.params).toMatchObject({
      url: NOBLE.url,
      checksum: testChecksum(NOBLE),
      'checksum-algorithm': 'sha256',
    });
    const create = sim.sim.requestLog.find((e) => e.method === 'POST' && e.path === '/nodes/pve2/qemu');
    expect(create?.params).toMatchObject({
      scsi0: `local-lvm:0,import-from=local:import/${NOBLE.filename}`,
      ciuser: 'ubuntu',
    });

    const ip = await cli(['vm', 'ip', 'img-1']);
    expect(ip).toEqual({ code: 0, stdout: `${made.ips.join('\n')}\n`, stderr: '' });
  });

  it('os list shows the catalog images next to the template VM', async () => {
    const r = await cli(['os', 'list', '--type', 'vm', '-o', 'tsv', '--columns', 'os,source', '--no-headers']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'alma-9\tcloud image',
      'debian-13\tcloud image',
      'debian-12\ttemplate VM 9000',
      'debian-12\tcloud image',
      'fedora-43\tcloud image',
      'rocky-9\tcloud image',
      'ubuntu-24.04\tcloud image',
      'ubuntu-22.04\tcloud image',
    ]);
  });
});

describe('vm create failures', () => {
  it('a start task that fails: exit 1, saying what exists and how to remove it', async () => {
    brokenTemplate();
    const r = await cli(['vm', 'create', 'bad-1', '--os', 'debian-12']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').slice(0, 4)).toEqual([
      'Cloning template 9000 → 104 on pve1 (linked clone)',
      'Growing scsi0 of 104 to 20G',
      'Starting 104: failed',
      "Error: VM 104 (bad-1) exists on pve1 but did not start: task qmstart 104 failed: bridge 'vmbr7' does not exist",
    ]);
    expect(r.stderr).toMatch(/\nRemove it with: pvectl vm delete 104 --yes --force\n$/);
    expect(sim.sim.state.guests.get(104)?.status).toBe('stopped');
  });

  it('--rollback removes the VM whose start failed', async () => {
    brokenTemplate();
    const r = await cli(['vm', 'create', 'bad-1', '--os', 'debian-12', '--rollback']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "Error: VM 104 (bad-1) did not start: task qmstart 104 failed: bridge 'vmbr7' does not exist. It was " +
        'removed again (--rollback).\n',
    );
    expect(sim.sim.state.guests.has(104)).toBe(false);
  });

  it('--timeout that runs out while the VM starts: exit 6, naming the task and the VM left', async () => {
    slowTasks({ qmstart: 5000 });
    const r = await cli(['vm', 'create', 'slow-1', '--os', 'debian-12', '--timeout', '1s']);
    expect(r.code).toBe(6);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        /Error: VM 104 \(slow-1\) exists on pve1 but did not start: timed out /.source +
          /waiting for task UPID:pve1:\S+:qmstart:104:\S+; it is still running\n/.source,
      ),
    );
    expect(r.stderr).toMatch(
      new RegExp(
        /\nWait again with: pvectl task wait UPID:pve1:\S+:qmstart:104:\S+\n/.source +
          /Remove it with: pvectl vm delete 104 --yes --force\n$/.source,
      ),
    );
  });
});
