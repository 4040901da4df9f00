// vm create: OS resolution paths (template clone, cloud image download + import-from, reuse),
// the calls made, output, dry run, --no-wait, failures after the VM exists and --rollback.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { SIM_URL, ctrlCAfter, run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { CATALOG } from '../../src/os/catalog.js';
import {
  KEY,
  expectConforming,
  failStart,
  homeWithKey,
  labRegion,
  serveChecksumLists,
  slowTasks,
  testChecksum,
  writes,
} from './create-helpers.js';

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

const ENCODED_KEY = encodeURIComponent(KEY);
const NOBLE = CATALOG.find((c) => c.family === 'ubuntu' && c.version === '24.04')!;

describe('vm create from a template VM', () => {
  it('makes a linked clone of template 9000, configures it, grows the disk, starts it and prints its IP', async () => {
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--mem', '1G', '--tag', 'web'], { env });
    expect(r.stderr).toBe(
      [
        'Cloning template 9000 → 104 on pve1 (linked clone)',
        'Growing scsi0 of 104 to 20G',
        'Starting 104',
        'Waiting for IP: 10.10.0.106',
        '',
      ].join('\n'),
    );
    expect(r.stdout).toBe('VMID  NAME   NODE  STATUS   IP\n 104  web-3  pve1  running  10.10.0.106\n');
    expect(r.code).toBe(0);
    expect(writes(s)).toEqual([
      'POST /nodes/pve1/qemu/9000/clone {"newid":"104","name":"web-3","full":"0"}',
      `PUT /nodes/pve1/qemu/104/config ` +
        `{"memory":"1024","cores":"2","agent":"1","net0":"virtio,bridge=vmbr0",` +
        `"ipconfig0":"ip=dhcp","sshkeys":"${ENCODED_KEY}","tags":"os-debian;os-debian-12;web"}`,
      'PUT /nodes/pve1/qemu/104/resize {"disk":"scsi0","size":"20G"}',
      'POST /nodes/pve1/qemu/104/status/start {}',
    ]);
    const vm = s.sim.state.guests.get(104)!;
    expect(vm.config.ciuser).toBe('debian'); // kept from the template
    expect(vm.status).toBe('running');
  });

  it('--disk 21.5G grows the disk in whole MiB (resize size=22016M)', async () => {
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--disk', '21.5G', '--no-start'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Growing scsi0 of 104 to 22016M\n');
    expect(writes(s)).toContain('PUT /nodes/pve1/qemu/104/resize {"disk":"scsi0","size":"22016M"}');
  });

  it("--storage other than the template's makes a full clone there", async () => {
    s.sim.state.storages.push({
      storage: 'data',
      type: 'dir',
      content: 'images,rootdir',
      shared: 0,
      total: 500 * 1024 ** 3,
    });
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--storage', 'data', '--no-start'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Cloning template 9000 → 104 on pve1 (full clone)\n');
    expect(writes(s)[0]).toBe(
      'POST /nodes/pve1/qemu/9000/clone {"newid":"104","name":"web-3","full":"1","storage":"data"}',
    );
  });

  it('region defaults give the node, bridge and pool', async () => {
    const lab = labRegion(s, env.HOME!, {
      defaults: { node: 'pve2', pool: 'dev', bridge: 'vmbr0' },
      domain: 'lab.example',
    });
    const r = await run(['vm', 'create', 'web-3', '--os', 'ubuntu-22.04', '--no-start'], { env: lab });
    expect(r.code, r.stderr).toBe(0);
    const create = s.sim.requestLog.find((e) => e.method === 'POST' && e.path === '/nodes/pve2/qemu')!;
    expect(create.params).toMatchObject({ pool: 'dev', net0: 'virtio,bridge=vmbr0', searchdomain: 'lab.example' });
    expect(s.sim.state.guests.get(104)?.pool).toBe('dev');
  });

  it('-o json prints the guest object', async () => {
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '-o', 'json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      vmid: 104,
      name: 'web-3',
      node: 'pve1',
      type: 'qemu',
      status: 'running',
      ips: ['10.10.0.106'],
      region: 'env',
    });
  });

  it('on another node than the template (local storage) it imports the cloud image there instead', async () => {
    const args = ['vm', 'create', 'web-3', '--os', 'debian-12', '--node', 'pve2', '--no-start', '--no-seed'];
    const r = await run(args, { env });
    expect(r.code).toBe(0);
    expect(writes(s).map((w) => w.split(' {')[0])).toEqual([
      'POST /nodes/pve2/storage/local/download-url',
      'POST /nodes/pve2/qemu',
      'PUT /nodes/pve2/qemu/104/resize',
    ]);
    expect(r.stdout).toBe('VMID  NAME   NODE  STATUS   IP\n 104  web-3  pve2  stopped  -\n');
  });
});

describe('vm create from a cloud image', () => {
  it('downloads the image once into import content and creates the VM with import-from', async () => {
    const r = await run(
      ['vm', 'create', 'app-1', '--os', 'ubuntu', '--cores', '4', '--disk', '30G', '--node', 'pve3'],
      { env },
    );
    expect(r.stderr).toBe(
      [
        'Downloading ubuntu-24.04-server-cloudimg-amd64.qcow2 to local on pve3',
        'Creating VM 104 (app-1) on pve3 from ubuntu-24.04-server-cloudimg-amd64.qcow2',
        'Growing scsi0 of 104 to 30G',
        'Uploading cloud-init seed pvectl-seed-104.iso to local',
        'Starting 104',
        'Waiting for IP: 10.10.0.106',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(writes(s)).toEqual([
      'POST /nodes/pve3/storage/local/download-url ' +
        '{"url":"https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img","content":"import",' +
        `"filename":"ubuntu-24.04-server-cloudimg-amd64.qcow2",` +
        `"checksum":"${testChecksum(NOBLE)}","checksum-algorithm":"sha256"}`,
      'POST /nodes/pve3/qemu ' +
        '{"vmid":"104","name":"app-1","memory":"2048","cores":"4","ostype":"l26","scsihw":"virtio-scsi-single",' +
        '"scsi0":"local-lvm:0,import-from=local:import/ubuntu-24.04-server-cloudimg-amd64.qcow2",' +
        '"boot":"order=scsi0","serial0":"socket","vga":"serial0","agent":"1",' +
        '"net0":"virtio,bridge=vmbr0","ipconfig0":"ip=dhcp",' +
        `"ciuser":"ubuntu","sshkeys":"${ENCODED_KEY}"}`,
      'PUT /nodes/pve3/qemu/104/resize {"disk":"scsi0","size":"30G"}',
      // the stock image has no guest agent: pvectl's NoCloud seed (installing it) replaces Proxmox's drive
      'POST /nodes/pve3/storage/local/upload {"content":"iso","filename":"pvectl-seed-104.iso"}',
      'PUT /nodes/pve3/qemu/104/config {"ide2":"local:iso/pvectl-seed-104.iso,media=cdrom"}',
      'POST /nodes/pve3/qemu/104/status/start {}',
    ]);

    const again = await run(['vm', 'create', 'app-2', '--os', 'ubuntu-24.04', '--node', 'pve3', '--no-start'], { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Using local:import/ubuntu-24.04-server-cloudimg-amd64.qcow2 (downloaded before)\n');
    expect(writes(s).filter((w) => w.includes('download-url'))).toHaveLength(1);
    expect(s.sim.state.guests.get(105)?.config.name).toBe('app-2');
  });

  it('--os fedora picks the catalog image and its default user', async () => {
    const r = await run(
      [
        'vm',
        'create',
        'f-1',
        '--os',
        'fedora',
        '--no-start',
        '--user',
        'ops',
        '--ip',
        '192.0.2.10/24',
        '--gw',
        '192.0.2.1',
      ],
      { env },
    );
    expect(r.code).toBe(0);
    const create = s.sim.requestLog.find((e) => e.method === 'POST' && /^\/nodes\/pve\d\/qemu$/.test(e.path));
    expect(create?.params).toMatchObject({ ciuser: 'ops', ipconfig0: 'ip=192.0.2.10/24,gw=192.0.2.1' });
    expect(r.stdout).toMatch(/ 104 +f-1 +pve\d +stopped +192\.0\.2\.10\n$/);
  });
});

describe('vm create --dry-run and --no-wait', () => {
  it('--dry-run reads, prints the calls it would make and creates nothing', async () => {
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--dry-run'], { env });
    expect(r.code).toBe(0);
    expect(writes(s)).toEqual([]);
    expect(r.stdout).toBe(
      [
        'POST /api2/json/nodes/pve1/qemu/9000/clone {"newid":"104","name":"web-3","full":"0"}',
        `PUT /api2/json/nodes/pve1/qemu/104/config ` +
          `{"memory":"2048","cores":"2","agent":"1","net0":"virtio,` +
          `bridge=vmbr0","ipconfig0":"ip=dhcp","sshkeys":"${ENCODED_KEY}"}`,
        'PUT /api2/json/nodes/pve1/qemu/104/resize {"disk":"scsi0","size":"20G"}',
        'POST /api2/json/nodes/pve1/qemu/104/status/start',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('Dry run: nothing was created.\n');
    expect(s.sim.state.guests.has(104)).toBe(false);
  });

  it("--no-seed keeps Proxmox's cloud-init drive (and so the stock image gets no guest agent)", async () => {
    const r = await run(['vm', 'create', 'app-1', '--os', 'ubuntu', '--node', 'pve3', '--no-start', '--no-seed'], {
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    const create = writes(s).find((w) => w.startsWith('POST /nodes/pve3/qemu '));
    expect(create).toContain('"ide2":"local-lvm:cloudinit"');
    expect(writes(s).some((w) => w.includes('/upload'))).toBe(false);
  });

  it('--no-wait --no-start: every step is waited for, and that is said', async () => {
    const r = await run(
      [
        'vm',
        'create',
        'web-3',
        '--os',
        'ubuntu-24.04',
        '--node',
        'pve2',
        '--no-wait',
        '--no-start',
        '--no-seed',
        '-o',
        'id',
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('104\n');
    expect(r.stderr).toContain(
      '--no-wait: the steps of the create were waited for (each needs the one before): downloading ' +
        'ubuntu-24.04-server-cloudimg-amd64.qcow2 to local on pve2; ' +
        'creating VM 104 (web-3) on pve2 from ubuntu-24.04-server-cloudimg-amd64.qcow2; growing scsi0 of 104 to 20G\n',
    );
  });

  it('--no-wait prints the UPID of the start task and returns', async () => {
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--no-wait'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:qmstart:104:root@pam!pvectl:\n$/);
    expect(r.stderr).toBe(
      [
        'Cloning template 9000 → 104 on pve1 (linked clone)',
        'Growing scsi0 of 104 to 20G',
        '--no-wait: the start is not waited for, but the steps before it were (it needs them done): ' +
          'cloning template 9000 → 104 on pve1 (linked clone); growing scsi0 of 104 to 20G',
        `VM 104 (web-3) is being set up on pve1; follow it with: pvectl task wait ${r.stdout.trim()}`,
        '',
      ].join('\n'),
    );
    expect(s.sim.requestLog.some((e) => e.path.includes('/tasks/') && e.path.includes('qmstart'))).toBe(false);
  });
});

describe('vm create failures after the VM exists', () => {
  it('a failed start says what exists and how to remove it (exit 1)', async () => {
    failStart(s, 104);
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        /^Cloning template 9000 → 104 on pve1 \(linked clone\)\nGrowing scsi0 of 104 to 20G\nStarting 104: failed\n/
          .source +
          new RegExp(
            /Error: VM 104 \(web-3\) exists on pve1 but did not start: task /.source +
              /qmstart 104 failed: start failed: QEMU exited with code 1\n/.source,
          ).source,
      ),
    );
    expect(r.stderr).toMatch(
      new RegExp(
        /Full log: pvectl task log UPID:pve1:[^\n]*:qmstart:104:root@pam!pvectl:\n/.source +
          /Remove it with: pvectl vm delete 104 --yes --force\n$/.source,
      ),
    );
    expect(s.sim.state.guests.has(104)).toBe(true);
    // the report wraps the failed task (CreateFailedError): its log tail is still shown
    expect(r.stderr).toContain('\nTask log (last lines):\n  TASK ERROR: start failed: QEMU exited with code 1\n');
  });

  it('--rollback removes it again', async () => {
    failStart(s, 104);
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--rollback'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Removing VM 104 (--rollback)\n');
    expect(r.stderr).toContain(
      'Error: VM 104 (web-3) did not start: task qmstart 104 failed: start failed: QEMU exited with code 1. ' +
        'It was removed again (--rollback).\n',
    );
    expect(s.sim.state.guests.has(104)).toBe(false);
    expect(writes(s).at(-1)).toBe('DELETE /nodes/pve1/qemu/104 {"purge":"1","destroy-unreferenced-disks":"1"}');
  });

  it(
    '--rollback after --timeout while the start task still runs: waits for that task, stops the VM, then ' +
      'destroys it (exit 6)',
    async () => {
      // the start ends after the deadline, and a destroy sent at the deadline would end after it
      slowTasks(s, { qmstart: 900, qmdestroy: 1200 });
      const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--timeout', '400ms', '--rollback'], { env });
      expect(r.code, r.stderr).toBe(6);
      expect(r.stderr).toContain('Removing VM 104 (--rollback)\n');
      expect(r.stderr).toMatch(
        new RegExp(
          /Error: VM 104 \(web-3\) did not start: timed out waiting for task /.source +
            /UPID:pve1:\S+:qmstart:104:\S+; it is still running\. It was removed again \(--rollback\)\.\n/.source,
        ),
      );
      expect(s.sim.state.guests.has(104)).toBe(false);
      expect(
        writes(s)
          .slice(-3)
          .map((w) => w.split(' {')[0]),
      ).toEqual([
        'POST /nodes/pve1/qemu/104/status/start',
        'POST /nodes/pve1/qemu/104/status/stop',
        'DELETE /nodes/pve1/qemu/104',
      ]);
    },
  );

  it('a rollback that fails says exactly what still exists and how to remove it', async () => {
    failStart(s, 104);
    s.server.use(
      http.delete(`${SIM_URL}/api2/json/nodes/pve1/qemu/104`, () =>
        HttpResponse.json(
          { data: null, message: "can't lock file '/var/lock/qemu-server/lock-104.conf' - got timeout\n" },
          { status: 500, statusText: "can't lock file '/var/lock/qemu-server/lock-104.conf' - got timeout" },
        ),
      ),
    );
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--rollback'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'Error: VM 104 (web-3) still exists on pve1 (stopped) but did not start: task qmstart 104 failed: ' +
        'start failed: QEMU exited with code 1. ' +
        "Removing it failed too: DELETE /nodes/pve1/qemu/104: can't lock file " +
        "'/var/lock/qemu-server/lock-104.conf' - got timeout\n",
    );
    expect(r.stderr).toMatch(/\nRemove it with: pvectl vm delete 104 --yes --force\n$/);
    expect(s.sim.state.guests.has(104)).toBe(true);
  });

  it('Ctrl-C while cloning: exit 130, the task keeps running, what exists and the next steps are said', async () => {
    s.close();
    s = startInProcessSim({ taskMs: 5000 });
    env = { ...s.env, HOME: env.HOME! };
    const ctrlC = ctrlCAfter(s, 400);
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--rollback'], { env, signal: ctrlC });
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    const upid = /UPID:pve1:\S+:qmclone:9000:root@pam!pvectl:/.exec(r.stderr)?.[0];
    expect(r.stderr).toBe(
      'Cloning template 9000 → 104 on pve1 (linked clone): failed\n' +
        `Error: VM 104 (web-3) exists on pve1 but could not be cloned completely: interrupted; task ${upid} ` +
        `keeps running on the cluster\n` +
        `Resume waiting with: pvectl task wait ${upid}\n` +
        'Remove it with: pvectl vm delete 104 --yes --force (--rollback does not act on Ctrl-C)\n',
    );
    expect(s.sim.tasks.byUpid.get(upid!)?.status).toBe('running');
  });

  it('no IP within --timeout: exit 6, naming the running VM and its removal', async () => {
    s.server.use(
      http.get(`${SIM_URL}/api2/json/nodes/:node/qemu/104/agent/network-get-interfaces`, () =>
        HttpResponse.json(
          { data: null, message: 'QEMU guest agent is not running\n' },
          { status: 500, statusText: 'QEMU guest agent is not running' },
        ),
      ),
    );
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12', '--timeout', '2s'], { env });
    expect(r.code).toBe(6);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        new RegExp(
          /Waiting for IP: none yet\n/.source +
            /Error: VM 104 \(web-3\) exists on pve1 but reported no IP address: no IP address was reported within 2s\n/
              .source,
        ).source +
          new RegExp(
            /Give it more time with --timeout, e\.g\. --timeout 15m\.\n/.source +
              /Remove it with: pvectl vm delete 104 --yes --force\n$/.source,
          ).source,
      ),
    );
    expect(s.sim.state.guests.get(104)?.status).toBe('running');
  });
});
