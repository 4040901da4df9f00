// Restore through create: POST /nodes/{node}/qemu with `archive`, /lxc with `ostemplate` +
// `restore=1`. The checks and their words: qemu-server PVE/API2/Qemu.pm create_vm ($emsg "unable to
// restore VM $vmid -", create_and_lock_config($vmid, $force), then $restorefn's check_protection and
// "vm is running"); pve-container PVE/API2/LXC.pm create_vm (check_vmid_unused unless restore+force,
// else "can't overwrite running container" and check_protection "unable to restore CT $vmid").
import type { Config, Guest, GuestType, Volume } from './types.js';
import type { Rng } from './random.js';
import type { SimState } from './state.js';
import { findVolume } from './backups.js';
import { normalizeValue } from './config-values.js';
import { isDiskKey } from './sizes.js';
import { parseDiskSize, volidOf } from './disks.js';
import { ownedVolids } from './volumes-of.js';
import { fail } from '../http.js';

const GiB = 1024 ** 3;
const NOT_OVERRIDES = new Set(['node', 'vmid', 'start', 'pool', 'archive', 'force', 'unique', 'storage', 'restore']);
const NOT_OVERRIDES_CT = new Set(['ostemplate', 'ha-managed', 'bwlimit', 'live-restore', 'ignore-unpack-errors']);

/** The backup a create call restores from, or undefined for a plain create. */
export function restoreSource(st: SimState, type: GuestType, node: string, params: Record<string, unknown>) {
  const volid =
    type === 'qemu' ? params.archive : params.restore === '1' || params.restore === 1 ? params.ostemplate : undefined;
  if (volid === undefined) return undefined;
  const vol = findVolume(st, node, String(volid));
  if (!vol || vol.content !== 'backup' || !vol.backup) fail(`volume '${String(volid)}' does not exist`);
  if (vol!.subtype && vol!.subtype !== type) fail(`unable to restore: '${String(volid)}' is not a ${type} backup`);
  return vol!;
}

/** Refuses what PVE refuses about the target VMID; returns the guest a forced restore replaces. */
export function checkRestoreTarget(st: SimState, type: GuestType, vmid: number, node: string, force: boolean) {
  const existing = st.guests.get(vmid);
  if (!existing) return undefined;
  const word = (g: Guest) => (g.type === 'qemu' ? 'VM' : 'CT');
  const exists = `${word(existing)} ${vmid} already exists on node '${existing.node}'`;
  const same = force && existing.node === node && existing.type === type;
  if (type === 'qemu') {
    if (!same) fail(`unable to restore VM ${vmid} - ${exists}`);
    if (Number(existing.config.protection ?? 0) === 1) fail(`unable to restore VM ${vmid} - - protection mode enabled`);
    if (existing.status === 'running') fail(`unable to restore VM ${vmid} - vm is running`);
  } else {
    if (!same) fail(exists);
    if (existing.status === 'running') fail(`can't overwrite running container`);
    if (Number(existing.config.protection ?? 0) === 1) fail(`unable to restore CT ${vmid} - protection mode enabled`);
  }
  return existing;
}

/** The saved config without its disks, the call's other options over it, and the disks to allocate anew. */
export function restorePlan(vol: Volume, type: GuestType, params: Record<string, unknown>, rng: Rng) {
  const saved = vol.backup?.config ?? {};
  const config: Config = {};
  const disks: [string, string][] = [];
  const target = params.storage === undefined ? undefined : String(params.storage);
  for (const [k, v] of Object.entries(saved)) {
    if (k === 'lock' || /^unused\d+$/.test(k)) continue;
    const file = isDiskKey(k) ? volidOf(String(v), type) : undefined;
    if (!file) {
      if (!String(v).includes('cloudinit')) config[k] = v;
      continue;
    }
    const gib = Math.max(1, Math.ceil(parseDiskSize(String(v)) / GiB));
    disks.push([k, `${target ?? file.split(':')[0]}:${gib}`]);
  }
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || NOT_OVERRIDES.has(k) || NOT_OVERRIDES_CT.has(k) || isDiskKey(k)) continue;
    config[k] = normalizeValue(type, k, v, rng);
  }
  return { config, disks };
}

/** At the end of a forced restore: the replaced guest's volumes go. */
export function dropReplaced(st: SimState, old: Guest): void {
  for (const volid of ownedVolids(st, old)) st.removeVolume(old.node, volid);
}
