// Whether a template VM already has qemu-guest-agent, decided from what the cluster says of it
// (its configuration, read while planning): the tag `qga`, or the `agent` option enabled. The
// option only opens the channel to an agent; but Proxmox asks for the agent to be installed in the
// guest before it is enabled, so a template that has it on is taken at its word, and the tag is
// there for one whose image has the agent while the option is off. Neither: the clone gets pvectl's
// cloud-init seed, which installs the agent, as a stock cloud image does.
import { agentEnabled } from '../api/ips.js';
import { splitTags } from '../lib/values.js';

export const AGENT_TAG = 'qga';

export function templateHasAgent(config: Record<string, unknown>): boolean {
  return splitTags(config.tags).some((t) => t.toLowerCase() === AGENT_TAG) || agentEnabled(config.agent);
}
