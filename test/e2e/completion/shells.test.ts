// The generated completion scripts in real bash, zsh and fish (CI installs them: .ci/run), against
// two simulated clusters over HTTPS with the built pvectl on PATH: what a Tab offers, in each shell.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startSim, type SimServer } from '../../helpers/sim.js';
import { bashCandidates, fishCandidates, hasShell, installShim, shell, zshCandidates } from './shells.js';

const [haveZsh, haveFish] = await Promise.all([hasShell('zsh'), hasShell('fish')]);
const missing = (name: string) => `(skipped: ${name} is not installed here; .ci/run installs it)`;

let home: SimServer;
let lab: SimServer;
let dir: string;
let env: Record<string, string>;
const scripts: Record<string, string> = {};

beforeAll(async () => {
  [home, lab] = await Promise.all([startSim(), startSim({ nodes: 2, guests: 2 })]);
  dir = mkdtempSync(join(tmpdir(), 'pvectl-shells-'));
  installShim(join(dir, 'bin'));
  const region = (s: SimServer) => {
    const eq = s.token.indexOf('=');
    return {
      url: s.url,
      tokenId: s.token.slice(0, eq),
      tokenSecret: s.token.slice(eq + 1),
      fingerprint: s.fingerprint,
    };
  };
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ currentRegion: 'home', regions: { home: region(home), lab: region(lab) } }),
  );
  // a clean environment: no PVECTL_* of the developer's, the cache and HOME in the temp dir
  env = {
    PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
    HOME: dir,
    XDG_CACHE_HOME: join(dir, 'cache'),
    PVECTL_CONFIG_DIR: dir,
    // the real shells run the built pvectl per Tab; a busy machine must not empty the live values
    PVECTL_COMPLETION_TIMEOUT_MS: '20000',
    TERM: 'xterm',
    LANG: 'C.UTF-8',
  };
  for (const sh of ['bash', 'zsh', 'fish']) {
    const r = await runCli(['completion', sh], { env });
    expect(r.code).toBe(0);
    scripts[sh] = join(dir, `pvectl.${sh}`);
    writeFileSync(scripts[sh], r.stdout);
  }
}, 60_000);
afterAll(async () => {
  await Promise.all([home?.close(), lab?.close()]);
});

const NOUNS = ['api', 'backup', 'completion', 'cost', 'ct', 'node', 'os', 'region', 'storage', 'task', 'vm'];
const VM_VERBS =
  'backup clone console create delete exec ip list ls migrate reboot resize resume rm set show shutdown snap ' +
  'snapshot ssh start stats stop suspend template';
const HOME_VMS = ['100', '101', '102', '103', '9000', 'db-1', 'debian-12-cloud', 'ha-app', 'web-1', 'web-2'];

/** line typed before Tab → the candidates every shell must offer (sorted) */
const CASES: Array<[string, string[]]> = [
  ['pvectl ', NOUNS],
  ['pvectl vm ', VM_VERBS.split(' ')],
  ['pvectl -r lab vm ', VM_VERBS.split(' ')],
  ['pvectl ct snap', ['snap', 'snapshot']],
  ['pvectl -o ', ['id', 'json', 'table', 'tsv', 'wide', 'yaml']],
  ['pvectl -r ', ['home', 'lab']],
  ['pvectl vm list --status ', ['paused', 'running', 'stopped', 'suspended', 'unknown']],
  ['pvectl vm list --node ', ['pve1', 'pve2', 'pve3']],
  ['pvectl -r lab vm list --node ', ['pve1', 'pve2']],
  ['pvectl vm start ', HOME_VMS],
  ['pvectl ct show ', ['200', '201', 'cache-1', 'dns-1']],
  ['pvectl vm create web-9 --os deb', ['debian', 'debian-12', 'debian-13']],
];

/**
 * Each shell's answers to many lines, from one session of it, asked before the describe's tests
 * (inside it, so a skipped shell is never started). The limit covers one pvectl process per line.
 */
function batch(ask: (lines: string[]) => Promise<string[][]>, lines: string[]) {
  let answers: string[][] = [];
  beforeAll(async () => {
    answers = await ask(lines);
  }, 150_000);
  return (line: string): string[] => {
    const i = lines.indexOf(line);
    if (i < 0) throw new Error(`line ${JSON.stringify(line)} is not in the batch`);
    return answers[i]!;
  };
}
const LINES = CASES.map(([line]) => line);

describe('bash', () => {
  const extra = ['pvectl --output=j', 'pvectl vm list ', 'pvectl -r lab vm start '];
  const bash = batch((lines) => bashCandidates(scripts.bash!, lines, env), [...LINES, ...extra]);
  it.each(CASES)('%j', async (line, expected) => {
    expect(bash(line)).toEqual(expected);
  });

  it('completes after `=` (bash splits the word there) and offers no verb after a verb', async () => {
    expect(bash('pvectl --output=j')).toEqual(['json']);
    expect(bash('pvectl vm list ')).toEqual([]);
  });

  it('the guests of the region named with -r', async () => {
    const lab = bash('pvectl -r lab vm start ');
    expect(lab).not.toEqual(bash('pvectl vm start '));
    expect(lab).toEqual(expect.arrayContaining(HOME_VMS));
  });
  it('a cluster that does not answer costs one short budget: fixed values still come, no guests', async () => {
    // nothing cached from the cases above; the default budget of a Tab
    const slow = { ...env, XDG_CACHE_HOME: join(dir, 'cache-slow'), PVECTL_COMPLETION_TIMEOUT_MS: '1500' };
    home.sim.faults.latencyMs = 60_000;
    try {
      // the shell helper's own limit (30 s) would fail the test if a Tab hung on the cluster
      const lines = ['pvectl vm start --status r', 'pvectl vm start '];
      expect(await bashCandidates(scripts.bash!, lines, slow)).toEqual([['running'], []]);
    } finally {
      home.sim.faults.latencyMs = 0;
    }
  });
});

describe.skipIf(!haveFish)(`fish ${haveFish ? '' : missing('fish')}`, () => {
  const fish = batch(
    (lines) => fishCandidates(scripts.fish!, lines, env),
    [...LINES, 'pvectl vm list ', 'pvectl vm -o '],
  );
  it.each(CASES)('%j', async (line, expected) => {
    expect(fish(line)).toEqual(expected);
  });

  it('offers no verb after a verb, nor after -o', async () => {
    expect(fish('pvectl vm list ')).toEqual([]);
    expect(fish('pvectl vm -o ')).toEqual(['id', 'json', 'table', 'tsv', 'wide', 'yaml']);
  });
});

describe.skipIf(!haveZsh)(`zsh ${haveZsh ? '' : missing('zsh')}`, () => {
  const COMPINIT = 'autoload -Uz compinit && compinit -u -D';
  it('loads without a word on stderr, with and without compinit', async () => {
    for (const setup of [':', COMPINIT]) {
      const r = await shell('zsh', ['-f', '-c', `${setup}; source ${scripts.zsh}; print -r -- ok`], env);
      expect(r).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
    }
  });

  // the old bash-emulation script failed here with "_pvectl:2: unrecognized modifier 'C'".
  // Every case once with the usual setup; a few in the other two ways a zsh loads it.
  const few = CASES.filter(([line]) => ['pvectl ', 'pvectl vm start ', 'pvectl -r lab vm list --node '].includes(line));
  const modes: Array<[string, string, 'sourced' | 'fpath', Array<[string, string[]]>]> = [
    ['sourced after compinit', COMPINIT, 'sourced', CASES.filter(([line]) => !line.endsWith('snap'))],
    ['sourced, no compinit (compctl)', ':', 'sourced', few],
    ['autoloaded from $fpath by compinit', `fpath=(ZFUNC $fpath); ${COMPINIT}`, 'fpath', few],
  ];
  describe.each(modes)('%s', (_name, setup, how, cases) => {
    const zsh = batch(
      (lines) => {
        const zfunc = join(dir, 'zfunc');
        mkdirSync(zfunc, { recursive: true });
        copyFileSync(scripts.zsh!, join(zfunc, '_pvectl'));
        const script = how === 'sourced' ? scripts.zsh! : '/dev/null';
        return zshCandidates(setup.replace('ZFUNC', zfunc), script, lines, env);
      },
      cases.map(([line]) => line),
    );
    it.each(cases)('%j', async (line, expected) => {
      expect(zsh(line)).toEqual(expected);
    });
  });
});
