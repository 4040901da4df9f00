// vm create from a template: whether the clone needs pvectl's seed to get qemu-guest-agent is
// decided from the template's configuration (src/create/template-agent.ts): the `qga` tag or the
// `agent` option enabled say it has the agent (Proxmox's drive is kept); neither takes the seed path.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, startInProcessSim, type InProcessSim } from '../helpers/cli.js';
import { templateHasAgent } from '../../src/create/template-agent.js';
import { expectConforming, homeWithKey, serveChecksumLists, writes } from './create-helpers.js';

let s: InProcessSim;
let env: Record<string, string>;
beforeEach(() => {
  s = startInProcessSim();
  serveChecksumLists(s);
  env = { ...s.env, HOME: homeWithKey() };
});
afterEach(() => {
  expectConforming(s);
  s.close();
});

const template = () => s.sim.state.guests.get(9000)!.config;
const seedWrites = () => writes(s).filter((w) => /upload|pvectl-seed/.test(w));

describe('vm create: does the template have the guest agent?', () => {
  it('a template without the agent option or the qga tag gets the seed (which installs the agent)', async () => {
    delete template().agent;
    const r = await run(['vm', 'create', 'web-3', '--os', 'debian-12'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Uploading cloud-init seed pvectl-seed-104.iso to local\n');
    expect(seedWrites()).toEqual([
      'POST /nodes/pve1/storage/local/upload {"content":"iso","filename":"pvectl-seed-104.iso"}',
      // in place of Proxmox's cloud-init drive (the template's ide2)
      'PUT /nodes/pve1/qemu/104/config {"ide0":"local:iso/pvectl-seed-104.iso,media=cdrom","delete":"ide2"}',
    ]);
  });

  it("agent enabled, or the qga tag with the option off: Proxmox's cloud-init drive is kept", async () => {
    expect((await run(['vm', 'create', 'web-3', '--os', 'debian-12'], { env })).code).toBe(0);
    template().agent = 'enabled=0';
    template().tags = 'os-debian;os-debian-12;qga';
    expect((await run(['vm', 'create', 'web-4', '--os', 'debian-12'], { env })).code).toBe(0);
    expect(seedWrites()).toEqual([]);
  });

  it('reads the option as Proxmox writes it, the tag in any case', () => {
    expect(templateHasAgent({ agent: '1' })).toBe(true);
    expect(templateHasAgent({ agent: 'enabled=1,fstrim_cloned_disks=1' })).toBe(true);
    expect(templateHasAgent({ agent: '0', tags: 'os-debian;QGA' })).toBe(true);
    expect(templateHasAgent({ agent: '0,type=virtio' })).toBe(false);
    expect(templateHasAgent({ tags: 'qga-old;os-debian' })).toBe(false);
    expect(templateHasAgent({})).toBe(false);
  });
});
