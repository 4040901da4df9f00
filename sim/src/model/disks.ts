// Turning disk parameters (`local-lvm:32`, `local-lvm:0,import-from=…`, `local-lvm:cloudinit`) into volumes.
import type { Config, GuestType, Volume } from './types.js';
import type { SimState } from './state.js';
import { ApiError } from '../http.js';
import { TaskFailure } from '../tasks.js';
import { formatProps, formatSize, parseProps, parseSize } from './sizes.js';

const GiB = 1024 ** 3;

export interface DiskPlan {
  config: Config; // final disk values
  volumes: Volume[]; // to create when the task ends
  log: string[];
  verify: () => void; // task-time checks (throws TaskFailure)
}

export function planDisks(
  st: SimState,
  node: string,
  vmid: number,
  type: GuestType,
  disks: [string, string][],
): DiskPlan {
  const plan: DiskPlan = { config: {}, volumes: [], log: [], verify: () => {} };
  const checks: (() => void)[] = [];
  const taken = new Set<string>();
  const now = Math.floor(st.now() / 1000);
  const nextName = (storage: string): string => {
    for (let i = 0; ; i++) {
      const name = `vm-${vmid}-disk-${i}`;
      if (
        !taken.has(name) &&
        !st.volume(node, `${storage}:${name}`) &&
        !st.volume(node, `${storage}:base-${vmid}-disk-${i}`)
      ) {
        taken.add(name);
        return name;
      }
    }
  };
  for (const [key, raw] of disks) {
    const props = parseProps(raw, type === 'qemu' ? 'file' : 'volume');
    const fileKey = type === 'qemu' ? (props.has('file') ? 'file' : 'volume') : 'volume';
    const file = props.get(fileKey) ?? '';
    const m = /^([a-zA-Z][\w.-]*):(.+)$/.exec(file);
    if (!m) {
      plan.config[key] = raw; // `none`, absolute paths, …
      continue;
    }
    const storage = m[1]!;
    const what = m[2]!;
    const isNew = /^\d+(\.\d+)?$/.test(what);
    const isCloudinit = what === 'cloudinit';
    if (!isNew && !isCloudinit) {
      plan.config[key] = raw; // an existing volume or an ISO
      continue;
    }
    const def = st.storage(storage);
    const needed = type === 'qemu' ? 'images' : 'rootdir';
    if (!def.content.split(',').includes(needed)) {
      throw new ApiError(
        500,
        type === 'qemu'
          ? `storage '${storage}' does not support vm images`
          : `storage '${storage}' does not support container directories`,
      );
    }
    if (isCloudinit) {
      const volname = `vm-${vmid}-cloudinit`;
      plan.volumes.push({
        volid: `${storage}:${volname}`,
        node,
        storage,
        content: 'images',
        format: 'raw',
        size: 4 * 1024 ** 2,
        ctime: now,
        vmid,
      });
      plan.config[key] = `${storage}:${volname},media=cdrom`;
      plan.log.push(`  Logical volume "${volname}" created.`);
      continue;
    }
    const importFrom = props.get('import-from');
    props.delete('import-from');
    props.delete(fileKey);
    props.delete('size');
    let size = Math.round(Number(what) * GiB);
    if (key === 'efidisk0' || key === 'tpmstate0') size = 4 * 1024 ** 2;
    const volname = nextName(storage);
    const vol: Volume = {
      volid: `${storage}:${volname}`,
      node,
      storage,
      content: type === 'qemu' ? 'images' : 'rootdir',
      format: 'raw',
      size,
      ctime: now,
      vmid,
    };
    if (importFrom) {
      const src = st.volume(node, importFrom);
      if (src) vol.size = src.virtualSize ?? src.size;
      checks.push(() => {
        if (!st.volume(node, importFrom)) throw new TaskFailure(`volume '${importFrom}' does not exist`);
      });
      plan.log.push(`importing disk '${importFrom}' to VM ${vmid} ...`);
    }
    plan.volumes.push(vol);
    const rest = formatProps(props);
    plan.config[key] = `${storage}:${volname}${rest ? `,${rest}` : ''},size=${formatSize(vol.size)}`;
    plan.log.push(`  Logical volume "${volname}" created.`);
    if (importFrom)
      plan.log.push(`transferred ${(vol.size / GiB).toFixed(1)} GiB of ${(vol.size / GiB).toFixed(1)} GiB (100.00%)`);
    if (type === 'qemu') plan.log.push(`${key}: successfully created disk '${plan.config[key]}'`);
  }
  plan.verify = () => checks.forEach((c) => c());
  return plan;
}

export function parseDiskSize(value: string): number {
  const size = parseProps(value, 'file').get('size');
  return size ? (parseSize(size) ?? 0) : 0;
}

export function volidOf(value: string, type: GuestType): string | undefined {
  const p = parseProps(value, type === 'qemu' ? 'file' : 'volume');
  const file = p.get('file') ?? p.get('volume');
  return file && /^[a-zA-Z][\w.-]*:/.test(file) && !value.includes('media=cdrom') ? file : undefined;
}
