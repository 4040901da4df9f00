// `pvectl vm create NAME --os OS`: every input is checked before anything is created; then the VM
// is cloned from a matching template or made from a downloaded cloud image, configured (cloud-init
// user, keys, address), its disk grown, started, and printed with its IP. A failure once the VM
// exists says what exists and how to remove it (or removes it with --rollback).
import { guestPath } from '../../api/guests.js';
import { apiPath } from '../../api/path.js';
import type { Context } from '../../context.js';
import { guardCreate, type NewGuest } from '../../create/failure.js';
import { finishGuest, type FinishState } from '../../create/finish.js';
import { ensureImage } from '../../create/image.js';
import { checkName, checkUser, normalizeTags, parseIpChoice, readSshKeys, type IpChoice } from '../../create/inputs.js';
import { recheckAddress, regionPool } from '../../create/ip-pool.js';
import { fromLease, qemuIpconfig, withAddress, type NetChoice } from '../../create/network.js';
import { checkMemory, checkNameFree, checkPool, readCluster } from '../../create/placement.js';
import { openSession, runTask, type Session } from '../../create/session.js';
import { isVmidConflict, withFreshVmid } from '../../create/vmid.js';
import { toProxmoxSize } from '../../lib/sizes.js';
import { catalogSources, resolveOs, templateSources } from '../../os/resolve.js';
import { bootDisk, planVm, type ImagePlan, type TemplatePlan, type VmPlan } from './create-plan.js';
import { cloneConfigParams, imageCreateParams, type VmSettings } from './create-params.js';
import type { CreateOptions } from '../guest/create-options.js';
import { attachSeed, pickIsoStorage } from '../../create/seed/attach.js';
import { cloneUser, explainNoIp, seedUserData, userDataOf } from '../../create/seed/create-steps.js';
import { defaultUser } from '../../os/catalog.js';

export interface CreateVmOptions extends CreateOptions {
  user?: string;
  /** --user-data FILE ("-": stdin) */
  userData?: string;
  isoStorage?: string;
  /** false with --no-seed: Proxmox's own cloud-init drive, even for a cloud image */
  seed?: boolean;
}

const GiB = 1024 ** 3;

export async function run(ctx: Context, opts: CreateVmOptions): Promise<void> {
  const name = checkName(opts.name);
  const tags = normalizeTags(opts.tags);
  const user = opts.user !== undefined ? checkUser(opts.user) : undefined;
  const ip = parseIpChoice(opts.ip, opts.gw);
  const keys = await readSshKeys(ctx, opts.sshKeys);
  const userData = await userDataOf(ctx, opts);
  const s = await openSession(ctx);
  if (ip.mode === 'auto') regionPool(s.region);
  await guardCreate(s, opts.rollback, async (state) => {
    const pool = opts.pool ?? s.region.defaults.pool;
    const cluster = await readCluster(s.client, pool !== undefined);
    checkNameFree(cluster, name);
    checkPool(cluster, pool, opts.pool !== undefined ? '--pool' : 'the region default pool');
    const resolved = resolveOs(opts.os, 'vm', [...templateSources(cluster.guests), ...catalogSources()]);
    const plan = await planVm(s, cluster, resolved, opts);
    const memMiB = opts.memMiB ?? 2048;
    checkMemory(cluster, plan.node, memMiB, opts.memMiB !== undefined ? '--mem' : 'the default memory');
    const image = plan.source.kind === 'image' ? plan.source.image : undefined;
    // a stock cloud image has no guest agent: pvectl's seed installs it (a template is taken to have it)
    const seeding = opts.seed !== false && (image !== undefined || userData !== undefined);
    const isoStorage = seeding ? await pickIsoStorage(s, plan.node, opts.isoStorage) : undefined;
    const v: VmSettings = {
      name,
      memMiB,
      cores: opts.cores ?? 2,
      bridge: plan.bridge,
      storage: plan.storage,
      user: user ?? image?.user,
      sshKeys: keys.keys,
      tags,
      pool,
      seeded: seeding,
    };
    if (keys.keys.length === 0) {
      ctx.warn(`no SSH public key (none in ~/.ssh/id_*.pub, no --ssh-key): you will not be able to log in to ${name}`);
    }
    const job: Job = {
      s,
      plan,
      v,
      ip,
      vmidFixed: opts.vmid,
      used: new Set(cluster.guests.map((g) => g.vmid)),
      state,
      family: resolved.family,
    };
    const { g, net, disk } =
      plan.source.kind === 'template' ? await cloneVm(job, plan.source) : await importVm(job, plan.source);
    state.phase = 'could not grow its disk';
    await growDisk(s, g, disk, opts.diskGiB ?? 20);
    state.phase = 'could not be configured';
    const kept = net.lease
      ? fromLease(await recheckAddress(s, g.vmid, net.lease, (l) => setIpconfig(s, g, fromLease(l))))
      : net;
    if (isoStorage !== undefined) {
      state.phase = 'could not get its cloud-init seed';
      const login = v.user ?? cloneUser(plan) ?? defaultUser(resolved.family) ?? 'admin';
      const text = seedUserData(s, g, login, keys.keys, userData);
      await attachSeed(s, g, isoStorage, text, kept);
    }
    const staticIp = kept.ip === 'dhcp' ? undefined : kept.ip.split('/')[0];
    await explainNoIp(isoStorage !== undefined, () => finishGuest(s, g, opts.start, staticIp, state));
  });
}

interface Job {
  s: Session;
  plan: VmPlan;
  v: VmSettings;
  ip: IpChoice;
  vmidFixed?: number;
  used: Set<number>;
  state: FinishState;
  family: string;
}

interface Made {
  g: NewGuest;
  net: NetChoice;
  /** the boot disk and its size, when known */
  disk: { key: string; bytes?: number };
}

/** Starts a create-like task for `vmid`; a lost VMID race means the guest there is not ours. */
async function createTask(job: Job, g: NewGuest, upid: string | null, phase: string, label: string): Promise<void> {
  if (upid !== null) Object.assign(job.state, { guest: g, phase });
  try {
    await runTask(job.s, label, upid);
  } catch (err) {
    if (isVmidConflict(err, g.vmid)) job.state.guest = undefined;
    throw err;
  }
}

async function cloneVm(job: Job, t: TemplatePlan): Promise<Made> {
  const { s, plan, v } = job;
  const { vmid, result: net } = await withFreshVmid(s, { fixed: job.vmidFixed, used: job.used }, (vmid) =>
    withAddress(s, job.ip, async (net) => {
      const g: NewGuest = { vmid, name: v.name, node: plan.node, type: 'qemu' };
      const upid = await s.client.post<string | null>(apiPath`/nodes/${t.node}/qemu/${t.vmid}/clone`, {
        newid: vmid,
        name: v.name,
        full: t.full,
        storage: t.full ? plan.storage : undefined,
        target: plan.node !== t.node ? plan.node : undefined,
        pool: v.pool,
      });
      const how = t.full ? 'full clone' : 'linked clone';
      await createTask(
        job,
        g,
        upid,
        'could not be cloned completely',
        `Cloning template ${t.vmid} → ${vmid} on ${plan.node} (${how})`,
      );
      job.state.phase = 'could not be configured';
      // from here on the guest's configuration holds the address: its reservation may go
      await s.client.put(guestPath(g, '/config'), cloneConfigParams(t.config, job.family, v, s.region, net));
      return net;
    }),
  );
  return { g: { vmid, name: v.name, node: plan.node, type: 'qemu' }, net, disk: t.disk };
}

async function importVm(job: Job, src: ImagePlan): Promise<Made> {
  const { s, plan, v } = job;
  const volid = await ensureImage(s, plan.node, src.importStorage, src.image);
  const { vmid, result: net } = await withFreshVmid(s, { fixed: job.vmidFixed, used: job.used }, (vmid) =>
    // the configuration holds the address once the create task has ended: reserved until then
    withAddress(s, job.ip, async (net) => {
      const g: NewGuest = { vmid, name: v.name, node: plan.node, type: 'qemu' };
      const upid = await s.client.post<string | null>(
        apiPath`/nodes/${plan.node}/qemu`,
        imageCreateParams(vmid, volid, v, s.region, net),
      );
      await createTask(
        job,
        g,
        upid,
        'could not be created completely',
        `Creating VM ${vmid} (${v.name}) on ${plan.node} from ${src.image.filename}`,
      );
      return net;
    }),
  );
  return { g: { vmid, name: v.name, node: plan.node, type: 'qemu' }, net, disk: { key: 'scsi0' } };
}

/** Grows the boot disk to `gib` (whole MiB, maybe a fraction of a GiB) when it is smaller; never shrinks. */
async function growDisk(s: Session, g: NewGuest, disk: Made['disk'], gib: number): Promise<void> {
  let { key, bytes } = disk;
  if (!s.dryRun) {
    const now = bootDisk((await s.client.get<Record<string, unknown> | null>(guestPath(g, '/config'))) ?? {});
    if (now) ({ key, bytes } = now);
  }
  const wanted = Math.round(gib * GiB);
  if (bytes !== undefined && bytes >= wanted) return;
  const size = toProxmoxSize(wanted);
  const upid = await s.client.put<string | null>(guestPath(g, '/resize'), { disk: key, size });
  await runTask(s, `Growing ${key} of ${g.vmid} to ${size}`, upid);
}

async function setIpconfig(s: Session, g: NewGuest, net: NetChoice): Promise<void> {
  await s.client.put(guestPath(g, '/config'), { ipconfig0: qemuIpconfig(net) });
}
