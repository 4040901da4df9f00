// Which VM.Config.* privilege a config key needs (after qemu-server's check_vm_modify_config_perm).
import type { GuestType } from './types.js';
import { isDiskKey } from './sizes.js';

const CPU = new Set(['cores', 'sockets', 'vcpus', 'cpu', 'cpulimit', 'cpuunits', 'numa', 'affinity']);
const MEMORY = new Set(['memory', 'balloon', 'shares', 'swap']);
const HWTYPE = new Set([
  'acpi',
  'hotplug',
  'kvm',
  'tablet',
  'vga',
  'watchdog',
  'bios',
  'machine',
  'smbios1',
  'scsihw',
  'keyboard',
  'arch',
]);
const CLOUDINIT = new Set([
  'ciuser',
  'cipassword',
  'citype',
  'ciupgrade',
  'cicustom',
  'sshkeys',
  'nameserver',
  'searchdomain',
]);

export function privForKey(type: GuestType, key: string, value?: string): string {
  if (CPU.has(key)) return 'VM.Config.CPU';
  if (MEMORY.has(key)) return 'VM.Config.Memory';
  if (/^net\d+$/.test(key)) return 'VM.Config.Network';
  if (isDiskKey(key) || /^unused\d+$/.test(key)) {
    return value?.includes('media=cdrom') && !value.includes('cloudinit') ? 'VM.Config.CDROM' : 'VM.Config.Disk';
  }
  if (type === 'qemu' && (CLOUDINIT.has(key) || /^ipconfig\d+$/.test(key))) return 'VM.Config.Cloudinit';
  if (type === 'lxc' && (key === 'nameserver' || key === 'searchdomain' || key === 'hostname'))
    return 'VM.Config.Network';
  if (HWTYPE.has(key) || /^(serial|usb|hostpci)\d+$/.test(key)) return 'VM.Config.HWType';
  return 'VM.Config.Options';
}
