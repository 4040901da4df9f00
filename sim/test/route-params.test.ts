// A config write stores exactly the options sent: no routing artefacts (msw's wildcard "0").
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startInProcessSim, SIM_URL, type InProcessSim } from '../../test/helpers/cli.js';

let s: InProcessSim;
beforeAll(() => {
  s = startInProcessSim();
});
afterAll(() => s.close());

it('PUT config stores only the options sent', async () => {
  const headers = { Authorization: `PVEAPIToken=${s.sim.token}`, 'Content-Type': 'application/x-www-form-urlencoded' };
  const put = await fetch(`${SIM_URL}/api2/json/nodes/pve1/qemu/102/config`, {
    method: 'PUT',
    headers,
    body: 'description=hello',
  });
  expect(put.status).toBe(200);
  const res = await fetch(`${SIM_URL}/api2/json/nodes/pve1/qemu/102/config`, { headers });
  const { data } = (await res.json()) as { data: Record<string, unknown> };
  expect(data.description).toBe('hello');
  expect(Object.keys(data).filter((k) => /^\d+$/.test(k))).toEqual([]);
});
