// The checks that need the cluster's state and come after the plan but before the first write
// (an image or template download, a clone, a create, an --ip auto reservation): a refusal here
// leaves nothing behind, which is what exit 2 promises.
import type { IpChoice } from './inputs.js';
import { checkPoolRoom } from './ip-pool.js';
import type { Session } from './session.js';
import { checkVmid, type VmidRequest } from './vmid.js';

export async function preflight(s: Session, vmid: VmidRequest, ip: IpChoice): Promise<void> {
  checkVmid(s, vmid);
  if (ip.mode === 'auto') await checkPoolRoom(s);
}
