// Start-up: `pvectl --version` and `pvectl --help` against a bare `node -e 0`, in one run.
import { PVECTL, compare, peakRssMiB } from './lib.mjs';

export async function benchStartup({ runs = 20 } = {}) {
  const t = compare({ bare: ['-e', '0'], version: [PVECTL, '--version'], help: [PVECTL, '--help'] }, runs);
  return {
    bareMs: t.bare,
    versionMs: t.version,
    helpMs: t.help,
    versionRatio: t.version / t.bare,
    helpRatio: t.help / t.bare,
    helpPeakMiB: peakRssMiB([PVECTL, '--help']),
    goal: 'ratio <= 1.3',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchStartup(), null, 2));
