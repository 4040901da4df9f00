// A /cluster/resources answer with every oddity a listing meets (QUIRKS B1–B4, C1, C3–C5): all
// guest states and the transient QMP ones, templates as 1/"1"/true, numbers as strings and in
// exponent form, tags joined with ; , and blanks in any case, pools, locks, HA states, guests on
// an offline node (no name, no stats), nameless guests, an entry with only an id, one with
// neither (dropped), names with terminal escapes, bidi overrides, tabs and line breaks, equal sort
// keys (stable order), other resource types mixed in.
const STATES = [
  'running',
  'stopped',
  'paused',
  'suspended',
  'prelaunch',
  'inmigrate',
  'suspending',
  'bogus',
  undefined,
];
const TAGS = ['prod;web', 'Prod,db', ' web  prod ', '', undefined, 'web', 'ha;PROD;x'];
const POOLS = ['prod', '', undefined, 'dev'];
const LOCKS = [undefined, 'backup', '', 'migrate'];
const HA = [undefined, 'started', 'stopped'];
const TEMPLATES: unknown[] = [0, undefined, 1, '1', true, '0', ''];
const NAMES = [
  'web-1',
  'web-2',
  'db-1',
  '',
  'x\x1b]0;owned\x07y',
  'bidi\u202egnp.exe',
  'tab\there',
  'two\nlines',
  'web-10',
];
const NUMBERS: unknown[] = [2147483648, '4294967296', '3.4359738368e+10', '', 'abc', undefined, 0, 1023.96 * 1024 ** 2];

export function variedEntries(secret: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < 48; i++) {
    const type = i % 4 === 3 ? 'lxc' : 'qemu';
    const vmid = 100 + ((i * 37) % 97); // listed out of order
    const pick = <T>(xs: T[], k = 1) => xs[(i * k) % xs.length];
    out.push({
      id: `${type}/${vmid}`,
      vmid: i % 5 === 0 ? String(vmid) : vmid,
      type,
      node: pick(['pve1', 'pve2'], 1),
      name: i === 13 ? `leak-${secret}` : pick(NAMES, 5),
      status: pick(STATES, 1),
      maxcpu: i % 6 === 0 ? String((i % 4) + 1) : (i % 4) + 1,
      maxmem: pick(NUMBERS, 1),
      maxdisk: pick(NUMBERS, 3),
      mem: pick(NUMBERS, 7),
      disk: i % 2 ? 0 : pick(NUMBERS, 5),
      cpu: i % 3 ? (i % 7) / 10 : '0.004',
      uptime: i % 4 ? i * 4000 + (i % 3) * 86_400 : pick([0, '3600', undefined], 1),
      tags: pick(TAGS, 1),
      template: pick(TEMPLATES, 1),
      pool: pick(POOLS, 3),
      lock: pick(LOCKS, 1),
      hastate: pick(HA, 1),
    });
  }
  // QUIRKS C1: on an offline node a guest has its id, type, node and status "unknown" only
  for (const vmid of [500, 501, 502])
    out.push({ id: `qemu/${vmid}`, vmid, type: 'qemu', node: 'pve3', status: 'unknown' });
  out.push({ id: 'lxc/503', vmid: 503, type: 'lxc', node: 'pve3', status: 'unknown' });
  // no vmid field: the id decides; neither: dropped, as toGuest drops it
  out.push({ id: 'qemu/555', type: 'qemu', node: 'pve1', name: 'from-id', status: 'running', maxmem: 2147483648 });
  out.push({ type: 'qemu', node: 'pve1', name: 'no-id', status: 'running' });
  // values of an unexpected type: a status "template" on a guest that is none, a number for a name
  // and a node, a node given as text of a number, null where text or a number is expected
  out.push({ id: 'qemu/560', vmid: 560, type: 'qemu', node: 'pve1', name: 'not-tpl', status: 'template', template: 0 });
  out.push({ id: 'qemu/561', vmid: 561, type: 'qemu', node: 7, name: 42, status: 'stopped', maxcpu: null });
  out.push({ id: 'qemu/562', vmid: 562, type: 'qemu', node: '7', name: null, status: null, tags: null, pool: 3 });
  out.push({ id: 'node/pve1', type: 'node', node: 'pve1', status: 'online' });
  out.push({ id: 'storage/pve1/local', type: 'storage', node: 'pve1', status: 'available' });
  return out;
}
