// The values `vm set` / `ct set` accept, checked while parsing (exit 2, nothing sent) with the
// patterns Proxmox itself applies (pve-common JSONSchema: dns-name, pve-tag, pve-startup-order).
import { UsageError } from '../../errors.js';

const DNS_NAME = /^(?:[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9_\-+.]*$/;
const STARTUP = /^(?:(?:order=)?(\d+))?(?:,?up=(\d+))?(?:,?down=(\d+))?$/;
const CPU_TYPE = /^(custom-)?[a-zA-Z0-9_.+-]+$/;
const BRIDGE = /^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/;

function checked(flag: string, re: RegExp, what: string) {
  return (value: string): string => {
    if (!re.test(value)) throw new UsageError(`${flag}: "${value}" is not ${what}`);
    return value;
  };
}

export const guestName = checked('--name', DNS_NAME, 'a valid DNS name (letters, digits, "-" and ".")');
export const cpuType = checked('--cpu-type', CPU_TYPE, 'a CPU type (e.g. host, x86-64-v2-AES, kvm64)');
export const bridgeName = checked('--net-bridge', BRIDGE, 'a bridge name (e.g. vmbr0)');

export function tag(flag: string) {
  const one = checked(flag, TAG, 'a valid tag (letters, digits, "_", "-", "+" and ".")');
  return (value: string, previous: string[] = []): string[] => [...previous, one(value)];
}

/** 8 KiB is the limit qemu-server and pve-container put on `description`. */
export function description(value: string): string {
  if (Buffer.byteLength(value) > 8192) throw new UsageError('--description: longer than 8 KiB');
  return value;
}

/** `3` means order=3; the full form `order=3,up=30,down=60` is passed on as written. */
export function startupOrder(value: string): string {
  const m = STARTUP.exec(value);
  if (!value || !m) {
    throw new UsageError(`--startup: "${value}" is not a start order; use N or order=N[,up=SECONDS][,down=SECONDS]`);
  }
  return /^\d+$/.test(value) ? `order=${value}` : value;
}
