// `pvectl vm create NAME --os OS`: every input is checked before anything is written; then the VM
// is cloned from a matching template or made from a downloaded cloud image (./vm-build.ts),
// configured (cloud-init user, keys, address), its disk grown, started, and printed with its IP.
// A failure once the VM exists says what exists and how to remove it (or removes it with --rollback).
import type { Context } from '../context.js';
import { catalogSources, resolveOs, templateSources } from '../os/resolve.js';
import { guardCreate } from './failure.js';
import { finishGuest } from './finish.js';
import { checkName, checkUser, normalizeTags, parseIpChoice, readSshKeys } from './inputs.js';
import { recheckAddress, regionPool } from './ip-pool.js';
import { fromLease } from './network.js';
import type { CreateVmOptions } from './options.js';
import { checkMemory, checkNameFree, checkPool, readCluster } from './placement.js';
import { preflight } from './preflight.js';
import { openSession } from './session.js';
import { buildVm, growDisk, setIpconfig, type VmJob } from './vm-build.js';
import { planVm } from './vm-plan.js';
import { templateHasAgent } from './template-agent.js';
import { defaultUser } from '../os/catalog.js';
import { attachSeed, pickIsoStorage } from './seed/attach.js';
import { cloneUser, explainNoIp, seedUserData, userDataOf } from './seed/create-steps.js';

export async function createVm(ctx: Context, opts: CreateVmOptions): Promise<void> {
  const name = checkName(opts.name);
  const tags = normalizeTags(opts.tags);
  const user = opts.user !== undefined ? checkUser(opts.user) : undefined;
  const ip = parseIpChoice(opts.ip, opts.gw);
  const keys = await readSshKeys(ctx, opts.sshKeys);
  const userData = await userDataOf(ctx, opts);
  const s = await openSession(ctx);
  if (ip.mode === 'auto') regionPool(s.region);
  await guardCreate(s, opts.rollback, async (steps) => {
    const pool = opts.pool ?? s.region.defaults.pool;
    const cluster = await readCluster(s.client, pool !== undefined);
    checkNameFree(cluster, name);
    checkPool(cluster, pool, opts.pool !== undefined ? '--pool' : 'the region default pool');
    const resolved = resolveOs(opts.os, 'vm', [...templateSources(cluster.guests), ...catalogSources()]);
    const plan = await planVm(s, cluster, resolved, opts);
    const memMiB = opts.memMiB ?? 2048;
    checkMemory(cluster, plan.node, memMiB, opts.memMiB !== undefined ? '--mem' : 'the default memory');
    const used = new Set(cluster.guests.map((g) => g.vmid));
    await preflight(s, { fixed: opts.vmid, used }, ip);
    const image = plan.source.kind === 'image' ? plan.source.image : undefined;
    // a stock cloud image has no guest agent, nor has a template that does not say it has one
    // (template-agent.ts): pvectl's seed installs it
    const noAgent = image !== undefined || (plan.source.kind === 'template' && !templateHasAgent(plan.source.config));
    const seeding = opts.seed !== false && (noAgent || userData !== undefined);
    const isoStorage = seeding ? await pickIsoStorage(s, plan.node, opts.isoStorage) : undefined;
    if (keys.keys.length === 0) {
      ctx.warn(`no SSH public key (none in ~/.ssh/id_*.pub, no --ssh-key): you will not be able to log in to ${name}`);
    }
    const job: VmJob = {
      s,
      steps,
      plan,
      v: {
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
      },
      ip,
      vmid: { fixed: opts.vmid, used },
      family: resolved.family,
    };
    // the first write: everything above only read
    const { g, net, disk } = await buildVm(job);
    steps.next('grow-disk');
    await growDisk(s, g, disk, opts.diskGiB ?? 20);
    steps.next('configure');
    const kept = net.lease
      ? fromLease(await recheckAddress(s, g.vmid, net.lease, (l) => setIpconfig(s, g, fromLease(l))))
      : net;
    if (isoStorage !== undefined) {
      steps.next('seed');
      const login = job.v.user ?? cloneUser(plan) ?? defaultUser(resolved.family) ?? 'admin';
      await attachSeed(s, g, isoStorage, seedUserData(s, g, login, keys.keys, userData), kept);
    }
    const staticIp = kept.ip === 'dhcp' ? undefined : kept.ip.split('/')[0];
    await explainNoIp(isoStorage !== undefined, () => finishGuest(s, steps, g, opts.start, staticIp));
  });
}
