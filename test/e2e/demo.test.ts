// The README's first command must stay true: the demo tour runs against pvesim and exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';

it('npm run demo: the tour runs against a simulated cluster and exits 0 by itself', () => {
  expect(existsSync('dist/pvectl.js'), 'run npm run build first').toBe(true);
  const res = spawnSync(process.execPath, ['scripts/demo.mjs'], { encoding: 'utf8', timeout: 60_000 });
  expect(res.status, res.stdout + res.stderr).toBe(0);
  for (const step of ['region test', 'node list', 'vm list', 'ct list', 'vm show web-1', 'vm create demo-1']) {
    expect(res.stdout).toContain(`$ pvectl ${step}`);
  }
  expect(res.stdout).not.toContain('(exit ');
  expect(res.stdout).toMatch(/demo-1 +pve\d +running +\d+\.\d+\.\d+\.\d+/);
}, 90_000);
