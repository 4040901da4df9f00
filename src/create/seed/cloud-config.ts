// pvectl's own cloud-config for a NoCloud seed: the login user with the SSH keys, the hostname and
// the guest agent installed and started, so that `vm ip` (and `vm exec`) work on a stock cloud
// image, which carries no qemu-guest-agent.
import { stringify } from 'yaml';

export interface SeedGuest {
  vmid: number;
  hostname: string;
  /** NAME.DOMAIN when the region has a domain */
  fqdn?: string;
  user: string;
  sshKeys: string[];
}

export const AGENT_PACKAGE = 'qemu-guest-agent';

export type CloudConfig = Record<string, unknown>;

export function pvectlCloudConfig(g: SeedGuest): CloudConfig {
  const user: Record<string, unknown> = {
    name: g.user,
    groups: ['sudo'],
    sudo: 'ALL=(ALL) NOPASSWD:ALL',
    shell: '/bin/bash',
    lock_passwd: true,
  };
  if (g.sshKeys.length > 0) user.ssh_authorized_keys = g.sshKeys;
  const config: CloudConfig = { hostname: g.hostname };
  if (g.fqdn) config.fqdn = g.fqdn;
  Object.assign(config, {
    manage_etc_hosts: true,
    users: [user],
    package_update: true,
    packages: [AGENT_PACKAGE],
    // the package's unit is "static" on Debian and Ubuntu: started, not enabled
    runcmd: [['systemctl', 'start', AGENT_PACKAGE]],
  });
  return config;
}

export function cloudConfigText(config: CloudConfig): string {
  return `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
}
