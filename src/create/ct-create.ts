// `pvectl ct create NAME --os OS`: a container from a template on the node's storages, or from the
// node's appliance index (downloaded once), with its root disk, network, SSH keys and/or root
// password, unprivileged by default; started and printed with its IP.
import { setConfig } from '../api/guest-ops.js';
import { createLxc } from '../api/lxc.js';
import type { Context } from '../context.js';
import { downloadableCtTemplates, localCtTemplates, resolveOs } from '../os/resolve.js';
import { ctCreateParams, type CtSettings } from './ct-params.js';
import { ensureCtTemplate } from './ct-template.js';
import { guardCreate } from './failure.js';
import { createdView, finishGuest, printStarted } from './finish.js';
import { checkName, normalizeTags, parseIpChoice, readPassword, readSshKeys } from './inputs.js';
import { recheckAddress, regionPool, type Lease } from './ip-pool.js';
import { makeGuest } from './make.js';
import { fromLease, lxcNet0, withAddress, type NetChoice } from './network.js';
import type { CreateCtOptions } from './options.js';
import {
  checkMemory,
  checkNameFree,
  checkPool,
  chooseNode,
  named,
  nodeFacts,
  pickBridge,
  pickStorage,
  readCluster,
} from './placement.js';
import { preflight } from './preflight.js';
import { openSession } from './session.js';
import type { NewGuest } from './steps.js';
import { withFreshVmid } from './vmid.js';

const address = (n: NetChoice) => (n.ip === 'dhcp' ? undefined : n.ip.split('/')[0]);

export async function createCt(ctx: Context, opts: CreateCtOptions): Promise<void> {
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
  await guardCreate(s, opts.rollback, async (steps) => {
    const d = s.region.defaults;
    const pool = opts.pool ?? d.pool;
    const cluster = await readCluster(s.client, pool !== undefined);
    checkNameFree(cluster, name);
    checkPool(cluster, pool, opts.pool !== undefined ? '--pool' : 'the region default pool');
    const node = chooseNode(cluster, opts.node, d.node);
    const memMiB = opts.memMiB ?? 512;
    checkMemory(cluster, node, memMiB, opts.memMiB !== undefined ? '--mem' : 'the default memory');
    const facts = await nodeFacts(s.client, node);
    const storage = pickStorage(facts, node, 'rootdir', ...named('--storage', opts.storage, d.storage));
    const bridge = pickBridge(facts, node, ...named('--bridge', opts.bridge, d.bridge));
    const [local, downloadable] = await Promise.all([
      localCtTemplates(s.client, node, facts.storages),
      downloadableCtTemplates(s.client, node),
    ]);
    const resolved = resolveOs(opts.os, 'ct', [...local, ...downloadable]);
    const used = new Set(cluster.guests.map((g) => g.vmid));
    await preflight(s, { fixed: opts.vmid, used }, ip);
    // the first write (when the template must be downloaded): everything above only read
    const ostemplate = await ensureCtTemplate(s, node, facts.storages, resolved.sources);
    const settings: CtSettings = {
      name,
      memMiB,
      cores: opts.cores ?? 1,
      diskGiB: opts.diskGiB ?? 8,
      storage: storage.storage,
      bridge,
      unprivileged: opts.unprivileged,
      // the dry-run printout shows the body: never the password
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
        const upid = await makeGuest(
          s,
          steps,
          { vmid, name, node, type: 'lxc' },
          {
            step: 'create',
            task: { node, id: vmid, type: 'vzcreate' },
            label: `Creating CT ${vmid} (${name}) on ${node} from ${ostemplate}`,
            send: () => createLxc(s.client, node, ctCreateParams(vmid, ostemplate, settings, s.region, net)),
            wait: !leave,
          },
        );
        if (upid !== null) net.lease?.keep(); // the task was left running; the reservation expires on its own
        return { net, upid };
      }),
    );
    const g: NewGuest = { vmid, name, node, type: 'lxc' };
    if (result.upid !== null) {
      const ip0 = address(result.net);
      await printStarted(s, createdView(s, g, 'creating', ip0 ? [ip0] : []), result.upid);
      return;
    }
    steps.next('configure');
    const setNet0 = async (l: Lease) => void (await setConfig(s.client, g, { net0: lxcNet0(bridge, fromLease(l)) }));
    const kept = result.net.lease ? fromLease(await recheckAddress(s, vmid, result.net.lease, setNet0)) : result.net;
    await finishGuest(s, steps, g, opts.start, address(kept));
  });
}
