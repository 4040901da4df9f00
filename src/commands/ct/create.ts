// `pvectl ct create NAME --os OS`: a container from a template on the node's storages, or from the
// node's appliance index (downloaded once), with its root disk, network, SSH keys and/or root
// password, unprivileged by default; started and printed with its IP.
import { apiPath } from '../../api/path.js';
import type { Context } from '../../context.js';
import { guardCreate, type NewGuest } from '../../create/failure.js';
import { finishGuest, printStarted } from '../../create/finish.js';
import { checkName, normalizeTags, parseIpChoice, readSshKeys } from '../../create/inputs.js';
import { recheckAddress, regionPool, type Lease } from '../../create/ip-pool.js';
import { fromLease, lxcNet0, withAddress, type NetChoice } from '../../create/network.js';
import {
  checkMemory,
  checkNameFree,
  checkNode,
  checkPool,
  nodeFacts,
  pickBridge,
  pickStorage,
  readCluster,
  roomiestNode,
} from '../../create/placement.js';
import { preflight } from '../../create/preflight.js';
import { openSession, runTask } from '../../create/session.js';
import { isVmidConflict, withFreshVmid } from '../../create/vmid.js';
import { downloadableCtTemplates, localCtTemplates, resolveOs } from '../../os/resolve.js';
import { ctCreateParams, ensureCtTemplate, readPassword, type CtSettings } from './create-steps.js';
import type { CreateOptions } from '../guest/create-options.js';

export interface CreateCtOptions extends CreateOptions {
  passwordStdin: boolean;
  unprivileged: boolean;
}

export async function run(ctx: Context, opts: CreateCtOptions): Promise<void> {
  const name = checkName(opts.name);
  const tags = normalizeTags(opts.tags);
  const ip = parseIpChoice(opts.ip, opts.gw);
  const keys = await readSshKeys(ctx, opts.sshKeys);
  const password = opts.passwordStdin ? await readPassword(ctx) : undefined;
  if (!password && keys.keys.length === 0) {
    ctx.warn(
      `no SSH public key and no --password-stdin: root of ${name} can only be reached with pct enter on the node`,
    );
  }
  const s = await openSession(ctx);
  if (ip.mode === 'auto') regionPool(s.region);
  await guardCreate(s, opts.rollback, async (state) => {
    const d = s.region.defaults;
    const pool = opts.pool ?? d.pool;
    const cluster = await readCluster(s.client, pool !== undefined);
    checkNameFree(cluster, name);
    checkPool(cluster, pool, opts.pool !== undefined ? '--pool' : 'the region default pool');
    const node =
      opts.node !== undefined
        ? checkNode(cluster, opts.node, '--node').node
        : d.node !== undefined
          ? checkNode(cluster, d.node, 'the region default node').node
          : roomiestNode(cluster).node;
    const memMiB = opts.memMiB ?? 512;
    checkMemory(cluster, node, memMiB, opts.memMiB !== undefined ? '--mem' : 'the default memory');
    const facts = await nodeFacts(s.client, node);
    const storage = pickStorage(
      facts,
      node,
      'rootdir',
      opts.storage ?? d.storage,
      opts.storage ? '--storage' : 'the region default storage',
    );
    const bridge = pickBridge(
      facts,
      node,
      opts.bridge ?? d.bridge,
      opts.bridge ? '--bridge' : 'the region default bridge',
    );
    const [local, downloadable] = await Promise.all([
      localCtTemplates(s.client, node, facts.storages),
      downloadableCtTemplates(s.client, node),
    ]);
    const resolved = resolveOs(opts.os, 'ct', [...local, ...downloadable]);
    const used = new Set(cluster.guests.map((g) => g.vmid));
    await preflight(s, { fixed: opts.vmid, used }, ip);
    const ostemplate = await ensureCtTemplate(s, node, facts.storages, resolved.sources);
    const settings: CtSettings = {
      name,
      memMiB,
      cores: opts.cores ?? 1,
      diskGiB: opts.diskGiB ?? 8,
      storage: storage.storage,
      bridge,
      // the dry-run printout shows the body: never the password
      unprivileged: opts.unprivileged,
      password: s.dryRun && password ? '********' : password,
      sshKeys: keys.keys,
      tags,
      pool,
    };
    // --no-wait --no-start: nothing comes after the create task, so it is not waited on
    const leave = !ctx.globals.wait && !opts.start;
    const { vmid, result } = await withFreshVmid(s, { fixed: opts.vmid, used }, (vmid) =>
      // the configuration holds the address once the create task has ended: reserved until then
      withAddress(s, ip, async (net) => {
        const g: NewGuest = { vmid, name, node, type: 'lxc' };
        const upid = await s.client.post<string | null>(
          apiPath`/nodes/${node}/lxc`,
          ctCreateParams(vmid, ostemplate, settings, s.region, net),
        );
        if (upid === null) return { net, upid };
        Object.assign(state, { guest: g, phase: 'could not be created completely' });
        if (leave) {
          net.lease?.keep(); // the reservation expires on its own
          return { net, upid };
        }
        try {
          await runTask(s, `Creating CT ${vmid} (${name}) on ${node} from ${ostemplate}`, upid);
        } catch (err) {
          if (isVmidConflict(err, vmid)) state.guest = undefined;
          throw err;
        }
        return { net, upid: null };
      }),
    );
    const g: NewGuest = { vmid, name, node, type: 'lxc' };
    const address = (n: NetChoice) => (n.ip === 'dhcp' ? undefined : n.ip.split('/')[0]);
    if (result.upid !== null) {
      const ip0 = address(result.net);
      await printStarted(s, { ...g, status: 'creating', ips: ip0 ? [ip0] : [], region: s.region.name }, result.upid);
      return;
    }
    state.phase = 'could not be configured';
    const setNet0 = async (l: Lease) =>
      void (await s.client.put(apiPath`/nodes/${node}/lxc/${vmid}/config`, { net0: lxcNet0(bridge, fromLease(l)) }));
    const kept = result.net.lease ? fromLease(await recheckAddress(s, vmid, result.net.lease, setNet0)) : result.net;
    await finishGuest(s, g, opts.start, address(kept), state);
  });
}
