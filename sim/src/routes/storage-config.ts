// GET /storage: the storage.cfg entries, as pve-storage src/PVE/API2/Storage/Config.pm `index`
// returns them ($api_storage_config: the section's own keys plus storage, digest and content).
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { hasPriv } from '../core.js';
import type { StorageDef } from '../model/types.js';
import { route } from './route.js';

// What each seeded storage type has in storage.cfg besides its content (a default PVE install).
const SECTION: Record<StorageDef['type'], Record<string, unknown>> = {
  dir: { path: '/var/lib/vz' },
  lvmthin: { vgname: 'pve', thinpool: 'data' },
  // a Proxmox Backup Server datastore (pve-storage PBSPlugin: server, datastore, username)
  pbs: { server: '192.0.2.50', datastore: 'store1', username: 'backup@pbs' },
};

export function storageConfig(s: StorageDef, digest: string): Record<string, unknown> {
  const e: Record<string, unknown> = {
    storage: s.storage,
    type: s.type,
    ...SECTION[s.type],
    content: s.content.split(',').sort().join(','),
    digest,
  };
  if (s.shared) e.shared = 1;
  return e;
}

export function storageConfigRoutes(core: SimCore): RequestHandler[] {
  const st = core.state;
  return [
    route(core, 'get', '/storage', (c) => {
      const digest = createHash('sha1').update(JSON.stringify(st.storages)).digest('hex');
      const type = c.str('type');
      // check_any(Datastore.Audit, Datastore.AllocateSpace) per storage: others are left out
      if (!hasPriv(c.who, 'Datastore.Audit') && !hasPriv(c.who, 'Datastore.AllocateSpace')) return [];
      return st.storages.filter((s) => !type || s.type === type).map((s) => storageConfig(s, digest));
    }),
  ];
}
