// Runs once before the suite: says plainly whether requests are checked against the official schema.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export default function setup(): void {
  const file = process.env.PVESIM_SCHEMA ?? resolve(process.cwd(), '../shared/pve-api/apidoc.json');
  if (!existsSync(file)) {
    process.stderr.write(`\n!! ${file} is absent: schema conformance is NOT checked in this run.\n\n`);
  }
}
