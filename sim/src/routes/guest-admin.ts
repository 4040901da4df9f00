// DELETE a guest, PUT …/resize, POST …/template.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { checkNotLocked, kind, needPriv } from '../core.js';
import type { Guest, GuestType } from '../model/types.js';
import { stopGuest } from '../model/guest-factory.js';
import { isTemplate } from '../model/guest-facts.js';
import { ownedVolids, volumesWithVmid } from '../model/volumes-of.js';
import { formatSize, parseProps, parseSize } from '../model/sizes.js';
import { parseDiskSize } from '../model/disks.js';
import { ApiError, fail } from '../http.js';
import { TaskFailure } from '../tasks.js';
import { route, type Ctx } from './route.js';
import { guestOf } from './guest-read.js';

function destroy(core: SimCore, c: Ctx, g: Guest): string {
  const st = core.state;
  needPriv(c.who, `/vms/${g.vmid}`, 'VM.Allocate');
  checkNotLocked(g, c.skiplock());
  if (Number(g.config.protection ?? 0) === 1) fail(`can't remove ${kind(g)} ${g.vmid} - protection mode enabled`);
  const purge = c.bool('purge');
  if (st.ha.has(g.vmid) && !purge)
    fail(`unable to remove ${kind(g)} ${g.vmid} - used in HA resources and purge parameter not set.`);
  const force = g.type === 'lxc' && c.bool('force');
  // pve-container checks early (HTTP error); qemu-server finds out inside the task
  if (g.type === 'lxc' && g.status === 'running' && !force)
    fail(`unable to destroy CT ${g.vmid} - container is running`);
  const unreferenced = c.bool('destroy-unreferenced-disks');
  return core.tasks.start({
    node: g.node,
    type: g.type === 'qemu' ? 'qmdestroy' : 'vzdestroy',
    id: String(g.vmid),
    who: c.who,
    run: (t) => {
      if (g.status === 'running') {
        if (!force) throw new TaskFailure(`VM ${g.vmid} is running - destroy failed`);
        stopGuest(g);
      }
      const vols = new Set(ownedVolids(st, g));
      if (unreferenced) for (const v of volumesWithVmid(st, g.node, g.vmid)) vols.add(v);
      for (const v of vols) {
        st.removeVolume(g.node, v);
        t.lines.push(`  Logical volume "${v.split(':')[1]}" successfully removed.`);
      }
      st.guests.delete(g.vmid);
      if (purge) {
        st.ha.delete(g.vmid);
        t.lines.push(`purging ${kind(g)} ${g.vmid} from related configurations..`);
      }
    },
  }).upid;
}

// qemu-server Qemu.pm resize_vm does every check inside the worker (lock, missing disk, cdrom,
// shrink; the same size is a no-op); pve-container LXC.pm resize_vm runs $load_and_check once
// before fork_worker (a synchronous 500) and again inside it.
function resizeCheck(g: Guest, disk: string, m: RegExpExecArray, skiplock: boolean): { old: number; size: number } {
  const lxc = g.type === 'lxc';
  if (!skiplock && g.config.lock !== undefined) fail(`${kind(g)} is locked (${String(g.config.lock)})`);
  const current = g.config[disk];
  if (current === undefined) {
    // LXC: parse_volume('') fails in PVE::JSONSchema::parse_property_string
    if (lxc) throw new ApiError(500, 'format error', { volume: 'property is missing and it is not optional' });
    fail(`disk '${disk}' does not exist`);
  }
  if (!lxc && /(?:^|,)media=cdrom(?:,|$)/.test(String(current))) fail("you can't resize a cdrom");
  const old = parseDiskSize(String(current));
  const amount = parseSize(m[2]!, 'G') ?? 0;
  const size = m[1] ? old + amount : amount;
  if (size < old) fail(lxc ? 'unable to shrink disk size' : 'shrinking disks is not supported');
  if (lxc && size === old) fail('disk is already at specified size');
  return { old, size };
}

// An ApiError thrown inside a task is its exit status.
function inTask<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ApiError) throw new TaskFailure(err.message);
    throw err;
  }
}

function resize(core: SimCore, c: Ctx, g: Guest): string {
  needPriv(c.who, `/vms/${g.vmid}`, 'VM.Config.Disk');
  const skiplock = c.skiplock();
  const disk = c.need('disk');
  const spec = c.need('size');
  const m = /^(\+)?(\d+(?:\.\d+)?[KMGT]?)$/.exec(spec);
  if (!m) fail(`invalid size '${spec}'`, 400);
  if (g.type === 'lxc') resizeCheck(g, disk, m!, false);
  return core.tasks.start({
    node: g.node,
    type: 'resize',
    id: String(g.vmid),
    who: c.who,
    run: (t) => {
      const { old, size } = inTask(() => resizeCheck(g, disk, m!, skiplock));
      if (size === old) return; // qemu: "return if $size == $newsize"
      const props = parseProps(String(g.config[disk]), g.type === 'qemu' ? 'file' : 'volume');
      props.set('size', formatSize(size));
      const parts = [...props].map(([k, v]) => (k === 'file' || k === 'volume' ? v : `${k}=${v}`));
      g.config[disk] = parts.join(',');
      const vol = c.state.volume(g.node, parts[0] ?? '');
      if (vol) vol.size = size;
      const lv = `pve/${parts[0]?.split(':')[1]}`;
      t.lines.push(`  Size of logical volume ${lv} changed from ${formatSize(old)} to ${formatSize(size)}.`);
    },
  }).upid;
}

// qemu-server API2/Qemu.pm `template` ($load_and_check) and pve-container API2/LXC.pm `template`:
// lock, then snapshots, then "already a template", then running, in that order.
function makeTemplate(core: SimCore, c: Ctx, g: Guest, type: GuestType): unknown {
  needPriv(c.who, `/vms/${g.vmid}`, 'VM.Allocate');
  checkNotLocked(g);
  const kind = type === 'qemu' ? 'VM' : 'CT';
  if (g.snapshots.length) fail(`unable to create template, because ${kind} contains snapshots`);
  if (isTemplate(g)) fail(`you can't convert a template to a template`);
  if (g.status === 'running') {
    fail(
      type === 'qemu'
        ? `you can't convert a VM to template if VM is running`
        : `you can't convert a CT to template if the CT is running`,
    );
  }
  const convert = () => {
    const st = c.state;
    for (const volid of ownedVolids(st, g)) {
      const vol = st.volume(g.node, volid);
      if (!vol || !volid.includes(`:vm-${g.vmid}-disk-`)) continue;
      const base = volid.replace(`:vm-${g.vmid}-disk-`, `:base-${g.vmid}-disk-`);
      st.removeVolume(g.node, volid);
      st.addVolume({ ...vol, volid: base });
      for (const [k, v] of Object.entries(g.config)) {
        if (String(v).split(',')[0] === volid) g.config[k] = String(v).replace(volid, base);
      }
    }
    g.config.template = 1;
  };
  if (type === 'lxc') {
    convert(); // pve-container converts synchronously (returns null)
    return null;
  }
  return core.tasks.start({ node: g.node, type: 'qmtemplate', id: String(g.vmid), who: c.who, run: convert }).upid;
}

export function guestAdminRoutes(core: SimCore): RequestHandler[] {
  const out: RequestHandler[] = [];
  for (const type of ['qemu', 'lxc'] as const) {
    out.push(
      route(core, 'delete', `/nodes/:node/${type}/:vmid`, (c) => destroy(core, c, guestOf(c, type))),
      route(core, 'put', `/nodes/:node/${type}/:vmid/resize`, (c) => resize(core, c, guestOf(c, type))),
      route(core, 'post', `/nodes/:node/${type}/:vmid/template`, (c) => makeTemplate(core, c, guestOf(c, type), type)),
    );
  }
  return out;
}
