// Backup volumes as vzdump writes them: file names from pve-manager PVE/VZDump.pm (`vzdump-qemu-101-
// 2026_12_05-10_00_00.vma.zst`; lxc `.tar.zst`), PBS snapshots as `backup/vm/101/2026-12-05T10:00:00Z`
// (pve-storage PBSPlugin), notes from `notes-template` with {{guestname}} {{node}} {{vmid}} {{cluster}}.
import type { Guest, StorageDef, Volume } from './types.js';
import type { SimState } from './state.js';
import type { Rng } from './random.js';
import { randInt } from './random.js';
import { ownedVolids } from './volumes-of.js';

const EXT: Record<string, string> = { zstd: '.zst', lzo: '.lzo', gzip: '.gz', '1': '.lzo', '0': '' };

const two = (n: number) => String(n).padStart(2, '0');

/** The archive's base name and volid for a backup of `g` taken at `ms` on `s`. */
export function backupVolid(s: StorageDef, g: Guest, ms: number, compress: string): { volid: string; format: string } {
  const d = new Date(ms);
  if (s.type === 'pbs') {
    const iso = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const kind = g.type === 'qemu' ? 'vm' : 'ct';
    return { volid: `${s.storage}:backup/${kind}/${g.vmid}/${iso}`, format: `pbs-${kind}` };
  }
  const date = `${d.getUTCFullYear()}_${two(d.getUTCMonth() + 1)}_${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}_${two(d.getUTCMinutes())}_${two(d.getUTCSeconds())}`;
  const base = g.type === 'qemu' ? 'vma' : 'tar';
  const format = `${base}${EXT[compress] ?? '.zst'}`;
  return { volid: `${s.storage}:backup/vzdump-${g.type}-${g.vmid}-${date}-${time}.${format}`, format };
}

/** Size of the archive: what the guest's disks hold, compressed, give or take. */
export function backupSize(st: SimState, g: Guest, rng: Rng, compress: string): number {
  let disks = 0;
  for (const volid of ownedVolids(st, g)) disks += st.volume(g.node, volid)?.size ?? 0;
  const ratio = compress === '0' ? 0.3 : 0.12;
  return Math.floor(disks * ratio * (0.8 + randInt(rng, 0, 400) / 1000)) + 4096;
}

export function expandNotes(template: string, g: Guest, cluster: string): string {
  const name = String(g.config.name ?? g.config.hostname ?? '');
  return template
    .replace(/\{\{guestname\}\}/g, name)
    .replace(/\{\{node\}\}/g, g.node)
    .replace(/\{\{vmid\}\}/g, String(g.vmid))
    .replace(/\{\{cluster\}\}/g, cluster)
    .replace(/\\n/g, '\n');
}

export function backupVolume(
  st: SimState,
  s: StorageDef,
  g: Guest,
  opts: { ms: number; compress: string; notes?: string; protected: boolean; size: number },
): Volume {
  const { volid, format } = backupVolid(s, g, opts.ms, opts.compress);
  const config = { ...g.config };
  delete config.lock;
  const v: Volume = {
    volid,
    node: g.node,
    storage: s.storage,
    content: 'backup',
    format,
    size: opts.size,
    ctime: Math.floor(opts.ms / 1000),
    vmid: g.vmid,
    subtype: g.type,
    protected: opts.protected,
    backup: { config },
  };
  if (opts.notes !== undefined) v.notes = expandNotes(opts.notes, g, st.clusterName);
  return v;
}

/** A volume by volid as a node sees it: its own, or one on a shared storage (PBS, NFS …). */
export function findVolume(st: SimState, node: string, volid: string): Volume | undefined {
  const own = st.volume(node, volid);
  if (own) return own;
  const storage = volid.split(':')[0] ?? '';
  if (!st.storages.find((x) => x.storage === storage)?.shared) return undefined;
  for (const v of st.volumesWhere((x) => x.volid === volid)) return v;
  return undefined;
}
