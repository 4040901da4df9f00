import type { NounCommand } from '../../program.js';
import type { Runner } from '../runner.js';
import { addExamples } from '../examples.js';
import { REGION_EXAMPLES } from './examples.js';

// Declared here; the region engineer owns the verb modules and their options.
export function register(region: NounCommand, runner: Runner): void {
  region
    .command('add <name>')
    .description('add a region (secret from --token-secret-stdin or a prompt, never argv)')
    .requiredOption('--url <url>', 'cluster URL, e.g. https://pve1.example.net:8006')
    .requiredOption('--token-id <id>', 'API token id, user@realm!name')
    .option('--token-secret-stdin', 'read the token secret from stdin')
    .option('--node <node>', 'default node')
    .option('--storage <storage>', 'default storage')
    .option('--bridge <bridge>', 'default bridge')
    .option('--pool <pool>', 'default pool')
    .option('--iso-storage <storage>', "default storage for vm create's cloud-init seed (iso content)")
    .option('--domain <domain>', 'guests get NAME.DOMAIN as FQDN')
    .option('--ip-pool <cidr>', 'IP pool for --ip auto, e.g. 192.0.2.0/24')
    .option('--gateway <ip>', 'gateway of the IP pool')
    .option('--ip-range <a-b>', 'first-last address of the pool to hand out')
    .option('--dns <ips>', 'DNS servers for the IP pool, comma-separated')
    .option('--vmid-range <min-max>', 'VMIDs for new guests, e.g. 1000-1999')
    .option('--connect-timeout <duration>', 'how long to wait for a connection (default 10s)')
    .option('--request-timeout <duration>', 'how long to wait for each API answer (default 60s)')
    .option('--use', 'make it the current region')
    .option('--no-verify', 'save without checking the token against the cluster')
    .action((name, o, cmd) => runner(cmd, () => import('./add.js'), { name, ...o }));
  region
    .command('set <name>')
    .description('change fields of a region: defaults, IP pool, timeouts, URL, token, TLS trust (the rest is kept)')
    .option('--url <url>', 'cluster URL')
    .option('--token-id <id>', 'API token id, user@realm!name')
    .option('--token-secret-stdin', 'a new token secret, from stdin (a prompt on a terminal)')
    .option('--node <node>', 'default node')
    .option('--storage <storage>', 'default storage')
    .option('--bridge <bridge>', 'default bridge')
    .option('--pool <pool>', 'default pool')
    .option('--domain <domain>', 'guests get NAME.DOMAIN as FQDN')
    .option('--ip-pool <cidr>', 'a new IP pool for --ip auto (needs --gateway), e.g. 192.0.2.0/24')
    .option('--gateway <ip>', 'gateway of the IP pool')
    .option('--ip-range <a-b>', 'first-last address of the pool to hand out')
    .option('--dns <ips>', 'DNS servers for the IP pool, comma-separated')
    .option('--vmid-range <min-max>', 'VMIDs for new guests, e.g. 1000-1999')
    .option('--connect-timeout <duration>', 'how long to wait for a connection')
    .option('--request-timeout <duration>', 'how long to wait for each API answer')
    .option('--repin', "pin the server's present certificate (shows old and new fingerprints, asks)")
    .option('--no-verify', 'save a new URL, token or trust without checking it against the cluster')
    .action((name, o, cmd) => runner(cmd, () => import('./set.js'), { name, ...o }));
  region
    .command('list')
    .alias('ls')
    .description('list regions')
    .action((_o, cmd) => runner(cmd, () => import('./list.js'), {}));
  region
    .command('show <name>')
    .description('show a region (secret masked)')
    .action((name, _o, cmd) => runner(cmd, () => import('./show.js'), { name }));
  region
    .command('use <name>')
    .description('make a region the current one')
    .action((name, _o, cmd) => runner(cmd, () => import('./use.js'), { name }));
  region
    .command('remove <name>')
    .alias('rm')
    .description('remove a region')
    .action((name, _o, cmd) => runner(cmd, () => import('./remove.js'), { name }));
  region
    .command('test [name]')
    .description('check reachability, TLS, the token, the PVE version and the token privileges')
    .action((name, _o, cmd) => runner(cmd, () => import('./test.js'), { name }));
  region
    .command('pricing <name>')
    .description('set, show or clear the price list `pvectl cost` uses (no price flag: show it)')
    .option('--currency <code>', 'currency of the prices, e.g. EUR, USD (default EUR)')
    .option('--cpu-hour <price>', 'price of one vCPU for one hour')
    .option('--mem-gib-hour <price>', 'price of one GiB of memory for one hour')
    .option('--disk-gib-hour <price>', 'price of one GiB of disk for one hour')
    .option('--clear', 'remove the price list')
    .action((name, o, cmd) => runner(cmd, () => import('./pricing.js'), { name, ...o }));
  addExamples(region, REGION_EXAMPLES);
}
