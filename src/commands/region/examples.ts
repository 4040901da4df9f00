// --help examples of the region verbs (index.ts declares them).
import type { Examples } from '../examples.js';

const URL = 'https://pve1.example.net:8006';

export const REGION_EXAMPLES: Examples = {
  add: [
    '# asks for the secret and shows the certificate fingerprint to trust',
    `pvectl region add home --url ${URL} --token-id 'root@pam!pvectl' --use`,
    '# in a script: the secret from stdin, the fingerprint pinned, an IP pool for --ip auto',
    `cat secret.txt | pvectl region add lab --url ${URL} --token-id 'ops@pve!cli' --token-secret-stdin \\`,
    '  --fingerprint AB:CD:…:EF --ip-pool 192.0.2.0/24 --gateway 192.0.2.1 --ip-range 192.0.2.50-192.0.2.99',
  ],
  set: [
    '# give an existing region an IP pool for --ip auto',
    'pvectl region set home --ip-pool 192.0.2.0/24 --gateway 192.0.2.1 --ip-range 192.0.2.50-192.0.2.99',
    'pvectl region set home --pool prod --storage ceph --request-timeout 2m --dry-run',
    '# the cluster has a new certificate: shows the old and new fingerprints and asks',
    'pvectl region set home --repin',
  ],
  list: ['pvectl region list', 'pvectl region list -o json'],
  show: ['pvectl region show home'],
  use: ['pvectl region use lab'],
  remove: ['pvectl region remove lab --yes'],
  test: ['pvectl region test', 'pvectl region test lab'],
  pricing: [
    'pvectl region pricing home --currency EUR --cpu-hour 0.01 --mem-gib-hour 0.005 --disk-gib-hour 0.0001',
    'pvectl region pricing home',
    'pvectl region pricing home --clear',
  ],
};
