// The bad argv of the verbs vm and ct share, for one noun: each exits 2 with this message.
export type BadRow = [string[], RegExp];

export function guestBadRows(noun: 'vm' | 'ct'): BadRow[] {
  return [
    [[noun, 'list', '--tag'], /option '--tag <tag>' argument missing/],
    [[noun, 'list', 'web-1'], /too many arguments/],
    [[noun, 'show'], /missing required argument 'guest'/],
    [[noun, 'start', '--parallel', '0'], /--parallel: "0" must be a whole number from 1 to 256/],
    [[noun, 'stop', '--all', '--parallel', '257'], /--parallel: "257" must be a whole number from 1 to 256/],
    [[noun, 'start', '100', '--force-stop'], /unknown option '--force-stop'/],
    [[noun, 'reboot', '100', '--purge'], /unknown option '--purge'/],
    [[noun, 'delete', '--all', '--parallel', '65'], /--parallel: "65" must be a whole number from 1 to 64/],
    [[noun, 'resize'], /missing required argument 'guest'/],
    [[noun, 'resize', '100', '--mem', 'lots'], /--mem: "lots" is not a size/],
    [[noun, 'resize', '100', '--cores', '0'], /--cores: "0" must be a whole number from 1 to 8192/],
    [[noun, 'resize', '100', '--cores', '8193'], /--cores: "8193" must be a whole number from 1 to 8192/],
    [[noun, 'resize', '100', '--disk', 'big'], /--disk/],
    [[noun, 'ip'], /missing required argument 'guest'/],
    [[noun, 'clone', '100'], /missing required argument 'newname'/],
    [[noun, 'clone', '100', 'x', '--vmid', '1e3'], /--vmid: "1e3" must be a whole number/],
    [[noun, 'migrate', '100'], /missing required argument 'node'/],
    [[noun, 'snapshot', 'list'], /missing required argument 'guest'/],
    [[noun, 'snapshot', 'create', '100'], /missing required argument 'name'/],
    [[noun, 'snapshot', 'delete', '100'], /missing required argument 'name'/],
    [[noun, 'snapshot', 'rollback', '100'], /missing required argument 'name'/],
    [[noun, 'snapshot', 'restore', '100', 's1'], /unknown command 'restore'/],
    [[noun, 'create', 'web-9'], /required option '--os <os>' not specified/],
    [[noun, 'create', '--os', 'debian'], /missing required argument 'name'/],
    [[noun, 'create', 'x', '--os', 'debian', '--mem', '8M'], /minimum of 16 MiB/],
    [[noun, 'create', 'x', '--os', 'debian', '--disk', '0.5'], /--disk: "0.5" is less than the minimum of 1G/],
    [[noun, 'create', 'x', '--os', 'debian', '--cores', 'two'], /--cores: "two" must be a whole number/],
    [[noun, 'create', 'x', '--os', 'debian', '--vmid', '0'], /--vmid 0: VMIDs start at 100/],
    [
      [noun, 'create', 'x', '--os', 'debian', '--vmid', '1000000000'],
      /--vmid: "1000000000" must be a whole number from 100 to 999999999/,
    ],
    [[noun, 'create', 'x', '--os', 'debian', '--ssh-key'], /option '--ssh-key <file>' argument missing/],
  ];
}
