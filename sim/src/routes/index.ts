// Every API route, in registration order.
import type { RequestHandler } from 'msw';
import type { SimCore } from '../core.js';
import { accessRoutes } from './access.js';
import { clusterRoutes } from './cluster.js';
import { nodeRoutes } from './nodes.js';
import { guestReadRoutes } from './guest-read.js';
import { powerRoutes } from './power.js';
import { taskRoutes } from './tasks.js';
import { createRoutes } from './create.js';
import { configWriteRoutes } from './config-write.js';
import { guestAdminRoutes } from './guest-admin.js';
import { cloneRoutes } from './clone.js';
import { migrateRoutes } from './migrate.js';
import { snapshotRoutes } from './snapshots.js';
import { agentRoutes } from './agent.js';
import { agentExecRoutes } from './agent-exec.js';
import { uploadRoutes } from './upload.js';
import { storageRoutes } from './storage.js';
import { storageConfigRoutes } from './storage-config.js';
import { downloadRoutes } from './downloads.js';
import { haRoutes } from './ha.js';
import { poolRoutes } from './pools.js';
import { storageContentRoutes } from './storage-content.js';
import { vzdumpRoutes } from './vzdump.js';
import { rrdRoutes } from './rrddata.js';
import { consoleRoutes } from './console.js';

export function allRoutes(core: SimCore): RequestHandler[] {
  return [
    ...accessRoutes(core),
    ...clusterRoutes(core),
    ...haRoutes(core),
    ...poolRoutes(core),
    ...nodeRoutes(core),
    ...storageConfigRoutes(core),
    ...storageRoutes(core),
    ...storageContentRoutes(core),
    ...vzdumpRoutes(core),
    ...rrdRoutes(core),
    ...downloadRoutes(core),
    ...uploadRoutes(core),
    ...createRoutes(core),
    ...guestReadRoutes(core),
    ...configWriteRoutes(core),
    ...powerRoutes(core),
    ...guestAdminRoutes(core),
    ...cloneRoutes(core),
    ...migrateRoutes(core),
    ...snapshotRoutes(core),
    ...agentRoutes(core),
    ...agentExecRoutes(core),
    ...consoleRoutes(core),
    ...taskRoutes(core),
  ];
}
