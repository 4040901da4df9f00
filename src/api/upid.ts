// UPID:node:pid:pstart:starttime:type:id:user: (QUIRKS D3): parse with a regex, not widths.
export interface Upid {
  upid: string;
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  user: string;
}

// As Proxmox's own decoder (pve-common src/PVE/UPID.pm, sub decode): the node is a host name and
// no field holds "/", so a UPID never smuggles a path (a node "pve1/.." would leave the API).
const UPID_RE = new RegExp(
  '^UPID:([a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):' +
    '([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$',
);

export function parseUpid(upid: string): Upid | null {
  const m = UPID_RE.exec(upid.trim());
  if (!m) return null;
  return {
    upid: upid.trim(),
    node: m[1]!,
    pid: parseInt(m[2]!, 16),
    pstart: parseInt(m[3]!, 16),
    starttime: parseInt(m[4]!, 16),
    type: m[5]!,
    id: m[6]!,
    user: m[7]!,
  };
}

/** Success is `OK` or `WARNINGS: n` (QUIRKS D2); anything else is an error text. */
export function isTaskSuccess(exitstatus: string | undefined): boolean {
  return exitstatus === 'OK' || /^WARNINGS: \d+$/.test(exitstatus ?? '');
}
