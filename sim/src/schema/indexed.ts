// The schema collapses numbered options into one entry (`net[n]`, `scsi[n]`, ...). The valid
// index ranges only exist in the Perl sources (constants such as $MAX_NETS), so they are listed
// here. Keys are "<kind>:<base>" where kind tells QEMU and LXC apart when their limits differ.

const QEMU_MAX: Record<string, number> = {
  ide: 3,
  sata: 5,
  scsi: 30,
  virtio: 15,
  net: 31,
  ipconfig: 31,
  unused: 255,
  hostpci: 15,
  usb: 13,
  serial: 3,
  parallel: 2,
  numa: 7,
  virtiofs: 9,
};
const LXC_MAX: Record<string, number> = { mp: 255, dev: 255, net: 31, unused: 255 };
const OTHER_MAX: Record<string, number> = { link: 7, acmedomain: 4 };

/** Highest allowed index for `<base>[n]` on an endpoint (LXC when the template says so). */
export function indexMax(base: string, template: string): number {
  const lxc = template.includes('/lxc');
  const table = lxc ? LXC_MAX : QEMU_MAX;
  // Unknown bases (none in PVE 9.1) get a generous limit rather than rejecting valid input.
  return table[base] ?? OTHER_MAX[base] ?? QEMU_MAX[base] ?? 255;
}

const NUMBERED = /^([a-z][a-z_-]*?)(0|[1-9]\d{0,3})$/;

/** Splits `scsi12` into ["scsi", 12]; null when the name carries no index. */
export function splitIndexed(name: string): [string, number] | null {
  const m = NUMBERED.exec(name);
  return m ? [m[1]!, Number(m[2])] : null;
}

/** True for a QEMU disk slot name (what `boot order` and `bootdisk` accept as drives). */
export function isQemuDrive(name: string): boolean {
  if (name === 'efidisk0' || name === 'tpmstate0') return true;
  const s = splitIndexed(name);
  return !!s && ['ide', 'sata', 'scsi', 'virtio'].includes(s[0]) && s[1] <= QEMU_MAX[s[0]]!;
}

/** True for `net0`…`net31`, `usb0`…`usb13`, `hostpci0`…`hostpci15` (other QEMU boot devices). */
export function isQemuBootDevice(name: string): boolean {
  if (isQemuDrive(name)) return !name.startsWith('efidisk') && !name.startsWith('tpmstate');
  const s = splitIndexed(name);
  return !!s && ['net', 'usb', 'hostpci'].includes(s[0]) && s[1] <= QEMU_MAX[s[0]]!;
}
