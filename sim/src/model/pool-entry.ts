// Pool entries of /cluster/resources: pve-manager PVE/API2/Cluster.pm `resources` lists each
// pool first ({id: "/pool/NAME", pool, type: "pool"}) and folds its running members' figures
// into it (uptime = the longest, mem/maxmem/maxcpu summed, cpu weighted by maxcpu). The figures
// are folded in before the VM.Audit check, so a pool shows them even when its guests are hidden.
type Entry = Record<string, unknown>;

export function poolEntry(pool: string): Entry {
  return { id: `/pool/${pool}`, pool, type: 'pool' };
}

export function addToPool(pe: Entry, guest: Entry): void {
  const uptime = Number(guest.uptime ?? 0);
  if (!uptime) return;
  if (!pe.uptime || uptime > Number(pe.uptime)) pe.uptime = uptime;
  pe.mem = Number(pe.mem ?? 0) + Number(guest.mem ?? 0);
  pe.maxmem = Number(pe.maxmem ?? 0) + Number(guest.maxmem ?? 0);
  const cpu = Number(pe.cpu ?? 0);
  const maxcpu = Number(pe.maxcpu ?? 0);
  const gmax = Number(guest.maxcpu ?? 0);
  pe.cpu = (cpu * maxcpu + Number(guest.cpu ?? 0) * gmax) / (maxcpu + gmax);
  pe.maxcpu = maxcpu + gmax;
}

// PVE 9.1 nodes broadcast "network" status instead of "sdn": Cluster.pm skips their sdn entries
// and adds the default zone of every node as a `network` entry (with SDN.Audit on it).
export function localNetworkEntry(node: string): Entry {
  return {
    id: `network/${node}/zone/localnetwork`,
    type: 'network',
    'network-type': 'zone',
    network: 'localnetwork',
    node,
    status: 'ok',
  };
}
