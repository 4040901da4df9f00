// What `vm create` and `ct create` are asked to do, as the parser hands it over (values already
// checked by their parsers; names, tags, addresses and keys are checked in ./inputs.ts).
export interface CreateOptions {
  name: string;
  os: string;
  memMiB?: number;
  cores?: number;
  diskGiB?: number;
  node?: string;
  storage?: string;
  bridge?: string;
  ip?: string;
  gw?: string;
  sshKeys: string[];
  tags: string[];
  pool?: string;
  vmid?: number;
  start: boolean;
  rollback: boolean;
}

export interface CreateVmOptions extends CreateOptions {
  user?: string;
}

export interface CreateCtOptions extends CreateOptions {
  passwordStdin: boolean;
  unprivileged: boolean;
}
