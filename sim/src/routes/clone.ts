// POST …/clone: the new config appears at once with `lock: clone`; linked clones only from templates.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { checkNotLocked, kind, needPriv } from '../core.js';
import type { Config, Guest, GuestType, Volume } from '../model/types.js';
import { newGuest, qemuIdentity } from '../model/guest-factory.js';
import { isTemplate, nameOf } from '../model/guest-facts.js';
import { withNewMac } from '../model/config-values.js';
import { isDiskKey } from '../model/sizes.js';
import { fail } from '../http.js';
import { route, type Ctx } from './route.js';
import { guestOf } from './guest-read.js';
import { checkPool } from './create.js';

function cloneGuest(core: SimCore, c: Ctx, src: Guest, type: GuestType): string {
  const st = core.state;
  const newid = Number(c.need('newid'));
  const pool = c.str('pool');
  needPriv(c.who, `/vms/${src.vmid}`, 'VM.Clone');
  needPriv(c.who, pool ? `/pool/${pool}` : `/vms/${newid}`, 'VM.Allocate');
  checkNotLocked(src);
  const existing = st.guests.get(newid);
  if (existing) fail(`${kind(existing)} ${newid} already exists on node '${existing.node}'`);
  checkPool(c, pool);
  const target = c.str('target') ?? src.node;
  if (target !== src.node) {
    st.node(target);
    fail(`can't clone ${kind(src)} to node '${target}' (${kind(src)} uses local storage)`);
  }
  const full = isTemplate(src) ? c.bool('full') : true;
  const storage = c.str('storage');
  if (storage && !full) fail("parameter 'storage' not allowed for linked clones");
  if (storage) {
    const def = st.storage(storage);
    if (!def.content.split(',').includes(type === 'qemu' ? 'images' : 'rootdir')) {
      fail(`storage '${storage}' does not support ${type === 'qemu' ? 'vm images' : 'container directories'}`);
    }
  }
  const config: Config = {};
  const volumes: Volume[] = [];
  const log: string[] = [];
  const now = Math.floor(core.clock.now() / 1000);
  let diskNo = 0;
  for (const [k, v] of Object.entries(src.config)) {
    if (k === 'lock' || k === 'template' || k === 'parent' || /^unused\d+$/.test(k)) continue;
    if (k === 'meta' || k === 'smbios1' || k === 'vmgenid') continue;
    const value = String(v);
    const [file = '', ...opts] = value.split(',');
    const vol = isDiskKey(k) ? st.volume(src.node, file) : undefined;
    if (!vol || vol.vmid !== src.vmid) {
      config[k] = /^net\d+$/.test(k) ? withNewMac(type, value, core.rng) : v;
      continue;
    }
    const destStorage = full ? (storage ?? vol.storage) : vol.storage;
    if (!full && st.storage(vol.storage).type !== 'lvmthin')
      fail(`Linked clone feature is not supported for drive '${k}'`);
    const cloudinit = file.includes('cloudinit');
    const base = cloudinit ? `vm-${newid}-cloudinit` : `vm-${newid}-disk-${diskNo++}`;
    const volname = !full && !cloudinit ? `${file.split(':')[1]}/${base}` : base;
    const volid = `${destStorage}:${volname}`;
    volumes.push({ ...vol, volid, storage: destStorage, vmid: newid, ctime: now, node: target });
    config[k] = [volid, ...opts].join(',');
    if (!cloudinit) {
      log.push(full ? `create full clone of drive ${k} (${file})` : `create linked clone of drive ${k} (${file})`);
      log.push(`  Logical volume "${base}" created.`);
      if (full)
        log.push(
          `transferred ${(vol.size / 1024 ** 3).toFixed(1)} GiB of ${(vol.size / 1024 ** 3).toFixed(1)} GiB (100.00%)`,
        );
    }
  }
  if (type === 'qemu') {
    Object.assign(config, qemuIdentity(core.rng, core.clock.now()));
    config.name = c.str('name') ?? `Copy-of-VM-${nameOf(src)}`;
  } else if (c.str('hostname')) config.hostname = c.str('hostname')!;
  if (c.str('description') !== undefined) config.description = c.str('description')!;
  const g = newGuest(core.rng, newid, type, target, { lock: 'clone' });
  // a template tagged "qga" has qemu-guest-agent installed in its image; else the clone is as its source
  if (
    src.agent === 'absent' &&
    !String(src.config.tags ?? '')
      .split(/[;,\s]+/)
      .includes('qga')
  )
    g.agent = 'absent';
  st.guests.set(newid, g);
  return core.tasks.start({
    node: src.node,
    type: type === 'qemu' ? 'qmclone' : 'vzclone',
    id: String(src.vmid),
    who: c.who,
    log,
    run: () => {
      for (const v of volumes) st.addVolume(v);
      g.config = config;
      if (pool) g.pool = pool;
    },
    onAbort: () => {
      if (st.guests.get(newid) === g) st.guests.delete(newid);
    },
  }).upid;
}

export function cloneRoutes(core: SimCore): RequestHandler[] {
  return (['qemu', 'lxc'] as const).map((type) =>
    route(core, 'post', `/nodes/:node/${type}/:vmid/clone`, (c) => cloneGuest(core, c, guestOf(c, type), type)),
  );
}
