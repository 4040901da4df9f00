// The writes that make a VM: a clone of a template VM and the configuration it lacks, or an
// import of a cloud image (downloaded first when the node does not have it) in one create call;
// then the boot disk grown to --disk. Each call under a fresh VMID and the guest's address.
import { getConfig } from '../api/guests.js';
import { resizeDisk, setConfig } from '../api/guest-ops.js';
import { cloneQemu, createQemu } from '../api/qemu.js';
import { toProxmoxSize } from '../lib/sizes.js';
import { ensureImage } from './image.js';
import type { IpChoice } from './inputs.js';
import { makeGuest } from './make.js';
import { qemuIpconfig, withAddress, type NetChoice } from './network.js';
import { runTask, type Session } from './session.js';
import type { CreateSteps, NewGuest } from './steps.js';
import { withFreshVmid, type VmidRequest } from './vmid.js';
import { cloneConfigParams, imageCreateParams, type VmSettings } from './vm-params.js';
import type { ImagePlan, TemplatePlan, VmPlan } from './vm-plan.js';
import { bootDisk } from './vm-template.js';

const GiB = 1024 ** 3;

export interface VmJob {
  s: Session;
  steps: CreateSteps;
  plan: VmPlan;
  v: VmSettings;
  ip: IpChoice;
  vmid: VmidRequest;
  family: string;
}

export interface BuiltVm {
  g: NewGuest;
  net: NetChoice;
  /** the boot disk and its size, when known */
  disk: { key: string; bytes?: number };
}

export function buildVm(job: VmJob): Promise<BuiltVm> {
  return job.plan.source.kind === 'template' ? cloneVm(job, job.plan.source) : importVm(job, job.plan.source);
}

const newVm = (job: VmJob, vmid: number): NewGuest => ({ vmid, name: job.v.name, node: job.plan.node, type: 'qemu' });

async function cloneVm(job: VmJob, t: TemplatePlan): Promise<BuiltVm> {
  const { s, plan, v } = job;
  const how = t.full ? 'full clone' : 'linked clone';
  const { vmid, result: net } = await withFreshVmid(s, job.vmid, (vmid) =>
    withAddress(s, job.ip, async (net) => {
      const g = newVm(job, vmid);
      await makeGuest(s, job.steps, g, {
        step: 'clone',
        task: { node: t.node, id: t.vmid, type: 'qmclone' },
        label: `Cloning template ${t.vmid} → ${vmid} on ${plan.node} (${how})`,
        send: () =>
          cloneQemu(s.client, t.node, t.vmid, {
            newid: vmid,
            name: v.name,
            full: t.full,
            storage: t.full ? plan.storage : undefined,
            target: plan.node !== t.node ? plan.node : undefined,
            pool: v.pool,
          }),
      });
      job.steps.next('configure');
      // from here on the guest's configuration holds the address: its reservation may go
      await setConfig(s.client, g, cloneConfigParams(t.config, job.family, v, s.region, net));
      return net;
    }),
  );
  return { g: newVm(job, vmid), net, disk: t.disk };
}

async function importVm(job: VmJob, src: ImagePlan): Promise<BuiltVm> {
  const { s, plan, v } = job;
  const volid = await ensureImage(s, plan.node, src.importStorage, src.image);
  const { vmid, result: net } = await withFreshVmid(s, job.vmid, (vmid) =>
    // the configuration holds the address once the create task has ended: reserved until then
    withAddress(s, job.ip, async (net) => {
      await makeGuest(s, job.steps, newVm(job, vmid), {
        step: 'create',
        task: { node: plan.node, id: vmid, type: 'qmcreate' },
        label: `Creating VM ${vmid} (${v.name}) on ${plan.node} from ${src.image.filename}`,
        send: () => createQemu(s.client, plan.node, imageCreateParams(vmid, volid, v, s.region, net)),
      });
      return net;
    }),
  );
  return { g: newVm(job, vmid), net, disk: { key: 'scsi0' } };
}

/** Grows the boot disk to `gib` (whole MiB, maybe a fraction of a GiB) when it is smaller; never shrinks. */
export async function growDisk(s: Session, g: NewGuest, disk: BuiltVm['disk'], gib: number): Promise<void> {
  let { key, bytes } = disk;
  if (!s.dryRun) {
    const now = bootDisk(await getConfig(s.client, g));
    if (now) ({ key, bytes } = now);
  }
  const wanted = Math.round(gib * GiB);
  if (bytes !== undefined && bytes >= wanted) return;
  const size = toProxmoxSize(wanted);
  await runTask(s, `Growing ${key} of ${g.vmid} to ${size}`, await resizeDisk(s.client, g, key, size));
}

export async function setIpconfig(s: Session, g: NewGuest, net: NetChoice): Promise<void> {
  await setConfig(s.client, g, { ipconfig0: qemuIpconfig(net) });
}
