// POST /nodes/{node}/vzdump: one task for the guests of this node (pve-manager PVE/API2/VZDump.pm);
// guests on other nodes are skipped, and when none is local the answer is "OK", not a UPID. Each
// guest is locked (`lock: backup`) while its archive is written, as PVE/VZDump.pm does.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { needPriv } from '../core.js';
import type { Guest } from '../model/types.js';
import { backupSize, backupVolid, backupVolume } from '../model/backups.js';
import { formatSize, splitList } from '../model/sizes.js';
import { fail } from '../http.js';
import { TaskFailure } from '../tasks.js';
import { route, type Ctx } from './route.js';

const DUMP_DIR = '/var/lib/vz/dump';

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function guestsOf(c: Ctx, node: string): Guest[] {
  const st = c.state;
  if (c.bool('all')) return [...st.guests.values()].filter((g) => g.node === node).sort((a, b) => a.vmid - b.vmid);
  const ids = splitList(c.str('vmid')).map(Number);
  if (!ids.length) fail('No VMID specified (use --vmid or --all)', 400);
  return ids.map((id) => st.guests.get(id)).filter((g): g is Guest => !!g && g.node === node);
}

function vzdump(core: SimCore, c: Ctx): unknown {
  const st = core.state;
  const node = c.node();
  const storage = st.storage(c.str('storage') ?? 'local');
  if (!storage.content.split(',').includes('backup')) fail(`storage '${storage.storage}' does not support backups`);
  needPriv(c.who, `/storage/${storage.storage}`, 'Datastore.AllocateSpace');
  const guests = guestsOf(c, node);
  for (const g of guests) needPriv(c.who, `/vms/${g.vmid}`, 'VM.Backup');
  if (!guests.length) return 'OK';
  const compress = c.str('compress') ?? (storage.type === 'pbs' ? 'zstd' : '0');
  const mode = c.str('mode') ?? 'snapshot';
  const notes = c.str('notes-template');
  const isProtected = c.bool('protected');
  const ms = core.clock.now();
  const locked = guests.filter((g) => g.config.lock === undefined);
  for (const g of locked) g.config.lock = 'backup';
  const log = [`INFO: starting new backup job: vzdump ${guests.map((g) => g.vmid).join(' ')} --mode ${mode}`];
  const progress: string[] = [];
  const sizes = new Map(guests.map((g) => [g.vmid, backupSize(st, g, core.rng, compress)]));
  for (const g of guests) {
    const { volid } = backupVolid(storage, g, ms, compress);
    const file = storage.type === 'pbs' ? volid.split(':backup/')[1] : `${DUMP_DIR}/${volid.split('/').pop()}`;
    progress.push(
      `INFO: Starting Backup of VM ${g.vmid} (${g.type})`,
      `INFO: Backup started at ${stamp(ms)}`,
      `INFO: backup mode: ${mode}`,
      `INFO: creating ${storage.type === 'pbs' ? 'Proxmox Backup Server' : 'vzdump'} archive '${file}'`,
      'INFO:  50% done',
      'INFO: 100% done',
      `INFO: archive file size: ${formatSize(sizes.get(g.vmid) ?? 0)}`,
    );
  }
  const unlock = () => {
    for (const g of locked) if (g.config.lock === 'backup') delete g.config.lock;
  };
  return core.tasks.start({
    node,
    type: 'vzdump',
    id: guests.length === 1 ? String(guests[0]!.vmid) : '',
    who: c.who,
    log,
    progress,
    run: (t) => {
      unlock();
      const failed: number[] = [];
      for (const g of guests) {
        if (!locked.includes(g) || st.guests.get(g.vmid) !== g) {
          t.lines.push(`ERROR: Backup of VM ${g.vmid} failed - VM is locked (${String(g.config.lock ?? 'gone')})`);
          failed.push(g.vmid);
          continue;
        }
        const size = sizes.get(g.vmid) ?? 0;
        st.addVolume(backupVolume(st, storage, g, { ms, compress, notes, protected: isProtected, size }));
        if (notes !== undefined) t.lines.push('INFO: adding notes to backup');
        if (isProtected) t.lines.push('INFO: marking backup as protected');
        t.lines.push(`INFO: Finished Backup of VM ${g.vmid} (00:00:02)`);
      }
      if (failed.length) throw new TaskFailure('job errors');
      t.lines.push('INFO: Backup job finished successfully');
    },
    onAbort: unlock,
  }).upid;
}

export function vzdumpRoutes(core: SimCore): RequestHandler[] {
  return [route(core, 'post', '/nodes/:node/vzdump', (c) => vzdump(core, c))];
}
