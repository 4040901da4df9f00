// The volumes a guest owns, as referenced by its config (disks, cloud-init drive, unusedN).
import type { Guest } from './types.js';
import type { SimState } from './state.js';

export function ownedVolids(st: SimState, g: Guest): string[] {
  const out: string[] = [];
  for (const v of Object.values(g.config)) {
    const file =
      String(v)
        .split(',')[0]
        ?.replace(/^(file|volume)=/, '') ?? '';
    const vol = st.volume(g.node, file);
    if (vol && vol.vmid === g.vmid) out.push(file);
  }
  return out;
}

export function volumesWithVmid(st: SimState, node: string, vmid: number): string[] {
  const out: string[] = [];
  for (const v of st.volumesWhere((x) => x.node === node && x.vmid === vmid)) out.push(v.volid);
  return out;
}
