// POST /nodes/{node}/qemu and /nodes/{node}/lxc: the config appears at once with `lock: create`.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { needPriv } from '../core.js';
import type { Config, GuestType } from '../model/types.js';
import { newGuest, qemuIdentity, startGuest } from '../model/guest-factory.js';
import { planDisks } from '../model/disks.js';
import { normalizeValue } from '../model/config-values.js';
import { isDiskKey } from '../model/sizes.js';
import { hex } from '../model/random.js';
import { fail } from '../http.js';
import { TaskFailure } from '../tasks.js';
import { route, type Ctx } from './route.js';
import { checkRestoreTarget, dropReplaced, restorePlan, restoreSource } from '../model/restore.js';

const NOT_CONFIG = new Set([
  'node',
  'vmid',
  'start',
  'pool',
  'ha-managed',
  'archive',
  'force',
  'unique',
  'bwlimit',
  'live-restore',
  'storage',
  'import-working-storage',
  'digest',
  'skiplock',
  'ostemplate',
  'password',
  'ssh-public-keys',
  'restore',
  'ignore-unpack-errors',
]);

const CT_OSTYPE: [RegExp, string][] = [
  [/^debian/, 'debian'],
  [/^ubuntu/, 'ubuntu'],
  [/^alpine/, 'alpine'],
  [/^(rocky|alma|centos)/, 'centos'],
  [/^fedora/, 'fedora'],
  [/^archlinux/, 'archlinux'],
];

export function checkPool(c: Ctx, pool: string | undefined): void {
  if (pool !== undefined && !c.state.pools.has(pool)) fail(`pool '${pool}' does not exist`);
}

function buildConfig(
  core: SimCore,
  c: Ctx,
  type: GuestType,
  vmid: number,
): { config: Config; disks: [string, string][] } {
  const config: Config = {};
  const disks: [string, string][] = [];
  for (const [k, v] of Object.entries(c.params)) {
    if (NOT_CONFIG.has(k) || v === undefined) continue;
    if (isDiskKey(k)) disks.push([k, String(v)]);
    else if (k === 'cipassword') config[k] = `$5$${hex(core.rng, 8)}$${hex(core.rng, 21)}`;
    else config[k] = normalizeValue(type, k, v, core.rng);
  }
  if (type === 'lxc') {
    if (config.unprivileged === undefined) config.unprivileged = 1; // server default on create (QUIRKS E3)
    if (!disks.some(([k]) => k === 'rootfs')) disks.push(['rootfs', `${c.str('storage') ?? 'local'}:4`]);
    config.hostname ??= `CT${vmid}`;
    config.arch ??= 'amd64';
    const tmpl = (c.str('ostemplate') ?? '').split('/').pop() ?? '';
    config.ostype ??= CT_OSTYPE.find(([re]) => re.test(tmpl))?.[1] ?? 'unmanaged';
  }
  return { config, disks };
}

function defaultBoot(config: Config): string {
  const order = Object.keys(config).filter(
    (k) => /^(scsi|virtio|sata|ide)\d+$/.test(k) && !String(config[k]).includes('cloudinit'),
  );
  const nets = Object.keys(config)
    .filter((k) => /^net\d+$/.test(k))
    .slice(0, 1);
  return `order=${[...order, ...nets].join(';')}`;
}

function createGuest(core: SimCore, c: Ctx, type: GuestType): string {
  const st = core.state;
  const node = c.node();
  const vmid = Number(c.need('vmid'));
  const pool = c.str('pool');
  needPriv(c.who, pool ? `/pool/${pool}` : `/vms/${vmid}`, 'VM.Allocate');
  const backup = restoreSource(st, type, node, c.params);
  const replaced = backup ? checkRestoreTarget(st, type, vmid, node, c.bool('force')) : undefined;
  const existing = st.guests.get(vmid);
  // Qemu.pm / LXC.pm create_vm: "$emsg $@" around create_and_lock_config, whose
  // PVE::Cluster::check_vmid_unused names the existing guest's kind and node
  const emsg = `unable to create ${type === 'qemu' ? 'VM' : 'CT'} ${vmid} -`;
  if (existing && !backup) {
    fail(`${emsg} ${existing.type === 'qemu' ? 'VM' : 'CT'} ${vmid} already exists on node '${existing.node}'`);
  }
  checkPool(c, pool);
  const { config, disks } = backup ? restorePlan(backup, type, c.params, core.rng) : buildConfig(core, c, type, vmid);
  if (type === 'lxc' && Number(config.unprivileged) === 0) needPriv(c.who, '/', 'Sys.Modify');
  for (const [, v] of disks) {
    const storage = /^([a-zA-Z][\w.-]*):/.exec(v.replace(/^(file|volume)=/, ''))?.[1];
    if (storage) needPriv(c.who, `/storage/${storage}`, 'Datastore.AllocateSpace');
  }
  const plan = planDisks(st, node, vmid, type, disks);
  Object.assign(config, plan.config);
  if (type === 'qemu') {
    Object.assign(config, qemuIdentity(core.rng, core.clock.now()));
    config.boot ??= defaultBoot(config);
  }
  const g = newGuest(core.rng, vmid, type, node, { lock: 'create' });
  // a stock cloud image (Debian's, Ubuntu's) carries no qemu-guest-agent
  if (type === 'qemu' && disks.some(([, v]) => v.includes('import-from='))) g.agent = 'absent';
  st.guests.set(vmid, g);
  const ostemplate = c.str('ostemplate');
  const start = c.bool('start');
  const haManaged = c.bool('ha-managed');
  const log = [...plan.log];
  if (type === 'lxc') {
    const path = ostemplate?.replace(/^local:vztmpl\//, '/var/lib/vz/template/cache/') ?? '';
    log.push(
      `extracting archive '${path}'`,
      `Total bytes read: 522925568 (499MiB, 220MiB/s)`,
      `Detected container architecture: ${config.arch}`,
    );
  }
  const kindWord = type === 'qemu' ? 'VM' : 'CT';
  return core.tasks.start({
    node,
    type: backup ? (type === 'qemu' ? 'qmrestore' : 'vzrestore') : type === 'qemu' ? 'qmcreate' : 'vzcreate',
    id: String(vmid),
    who: c.who,
    log,
    run: () => {
      try {
        plan.verify();
        if (type === 'lxc' && !backup && !(ostemplate && st.volume(node, ostemplate))) {
          throw new TaskFailure(`volume '${ostemplate}' does not exist`);
        }
      } catch (err) {
        throw new TaskFailure(`unable to create ${kindWord} ${vmid} - ${(err as Error).message}`);
      }
      if (replaced) dropReplaced(st, replaced);
      for (const v of plan.volumes) st.addVolume(v);
      g.config = config;
      if (pool) g.pool = pool;
      if (haManaged) {
        st.ha.set(vmid, {
          sid: `${type === 'qemu' ? 'vm' : 'ct'}:${vmid}`,
          type: type === 'qemu' ? 'vm' : 'ct',
          vmid,
          state: start ? 'started' : 'stopped',
          max_restart: 1,
          max_relocate: 1,
          failback: 1,
        });
      }
      if (start) startGuest(g, core.clock.now(), core.rng);
    },
    onAbort: () => {
      if (st.guests.get(vmid) !== g) return;
      if (replaced) st.guests.set(vmid, replaced);
      else st.guests.delete(vmid);
    },
  }).upid;
}

export function createRoutes(core: SimCore): RequestHandler[] {
  return [
    route(core, 'post', '/nodes/:node/qemu', (c) => createGuest(core, c, 'qemu')),
    route(core, 'post', '/nodes/:node/lxc', (c) => {
      c.need('ostemplate');
      return createGuest(core, c, 'lxc');
    }),
  ];
}
