// --help examples of the verbs vm and ct share (register.ts, register-clone-migrate-snapshot.ts).
import type { GuestKind } from '../../api/guests.js';
import type { Examples } from '../examples.js';

export function guestExamples(kind: GuestKind): Examples {
  const n = kind === 'qemu' ? 'vm' : 'ct';
  const [one, two] = kind === 'qemu' ? ['web-1', 'web-2'] : ['dns-1', 'cache-1'];
  const what = kind === 'qemu' ? 'VMs' : 'containers';
  return {
    list: [
      `# running ${what} tagged prod, largest memory first`,
      `pvectl ${n} list --status running --tag prod --sort=-maxmem`,
      '# just the VMIDs, for a script',
      `pvectl ${n} list --name 'web-*' -o id`,
      `pvectl ${n} list -o wide --columns vmid,name,CPU%,uptime`,
    ],
    show: [`pvectl ${n} show ${one}`, `pvectl ${n} show 100 -o json`],
    start: [`pvectl ${n} start ${one} ${two}`, `pvectl ${n} start --tag web --parallel 4`],
    stop: [`pvectl ${n} stop ${one}`, `pvectl ${n} stop --pool dev --yes`],
    shutdown: [
      `# stop what has not shut down after two minutes`,
      `pvectl ${n} shutdown ${one} --timeout 2m --force-stop`,
    ],
    reboot: [`pvectl ${n} reboot ${one}`, `pvectl ${n} list --tag web -o id | pvectl ${n} reboot -`],
    suspend: [`pvectl ${n} suspend ${one}`],
    resume: [`pvectl ${n} resume ${one}`, `pvectl ${n} resume --status paused`],
    delete: [
      `pvectl ${n} delete ${two}`,
      '# a running guest too, and its backup jobs and HA entries, without asking',
      `pvectl ${n} delete ${two} --force --purge --yes`,
      `pvectl ${n} delete --tag scratch --dry-run`,
    ],
    resize: [`pvectl ${n} resize ${one} --mem 4G --cores 4`, `pvectl ${n} resize ${one} --disk +10G`],
    ip: [`pvectl ${n} ip ${one}`, `pvectl ${n} ip ${one} -o json`],
    clone: [
      `pvectl ${n} clone ${one} ${one.replace('1', '3')} --start`,
      `pvectl ${n} clone 9000 app-1 --full --storage local-lvm`,
    ],
    migrate: [
      `pvectl ${n} migrate ${one} pve2`,
      ...(kind === 'qemu' ? [`pvectl vm migrate ${one} pve3 --with-local-disks --target-storage local-lvm`] : []),
    ],
    'snapshot list': [`pvectl ${n} snapshot list ${one}`],
    'snapshot create': [
      `pvectl ${n} snapshot create ${one} before-upgrade --description 'before apt upgrade'`,
      ...(kind === 'qemu' ? [`pvectl vm snapshot create ${one} live --vmstate`] : []),
    ],
    'snapshot delete': [`pvectl ${n} snapshot delete ${one} before-upgrade --yes`],
    'snapshot rollback': [`pvectl ${n} snapshot rollback ${one} before-upgrade --start`],
    set: [
      `pvectl ${n} set ${one} --mem 4G --cores 4 --tag prod --untag staging`,
      `pvectl ${n} set ${one} --onboot --startup order=2,up=30 --protection`,
      ...(kind === 'qemu' ? [`pvectl vm set ${one} --cpu-type host --agent`] : []),
    ],
    template: [`pvectl ${n} template ${two} --yes`],
    backup: [
      `pvectl ${n} backup ${one} --storage local --mode snapshot --compress zstd --notes 'before upgrade'`,
      `pvectl ${n} backup --tag prod --protected`,
    ],
    stats: [`pvectl ${n} stats ${one}`, `pvectl ${n} stats ${one} --since week -o json`],
    ssh: [
      `pvectl ${n} ssh ${one}`,
      '# ssh options before --, the remote command after it',
      `pvectl ${n} ssh ${one} -- -L 8080:localhost:80 uptime`,
      `pvectl ${n} ssh ${one} --wait`,
    ],
    console: [
      `# the ${kind === 'qemu' ? "VM's serial console" : "container's console"}; Ctrl-] leaves`,
      `pvectl ${n} console ${one}`,
      ...(kind === 'qemu' ? ['pvectl vm console 100 --serial serial1'] : []),
      '# type lines in from a pipe; its end logs out',
      `printf 'uptime\\n' | pvectl ${n} console ${one}`,
    ],
    ...(kind === 'qemu'
      ? {
          exec: [
            'pvectl vm exec web-1 -- hostname',
            "# feed stdin; the exit code is the command's",
            'echo hello | pvectl vm exec web-1 --input - -- cat',
          ],
        }
      : {}),
    create:
      kind === 'qemu'
        ? [
            'pvectl vm create web-3 --os debian-12',
            '# static address, more memory, on a chosen node and storage',
            'pvectl vm create db-2 --os ubuntu-24.04 --mem 8G --cores 4 --disk 50G --node pve2 \\',
            '  --storage local-lvm --ip 192.0.2.20/24 --gw 192.0.2.1 --tag db',
            '# an address from the region IP pool, and no start',
            'pvectl vm create app-1 --os rocky --ip auto --no-start',
            '# your own cloud-config, merged with the seed pvectl makes (user, keys, guest agent)',
            'pvectl vm create web-4 --os debian --user-data cloud-config.yaml',
          ]
        : [
            'pvectl ct create dns-2 --os debian-12',
            'pvectl ct create cache-2 --os alpine --mem 1G --disk 4G --ip auto --tag cache',
            '# a root password from a file, not from argv',
            'cat password.txt | pvectl ct create tools-1 --os ubuntu --password-stdin',
          ],
  };
}
