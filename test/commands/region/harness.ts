// Runs pvectl in-process with the real undici transport (no injected fetch): for what needs a
// real TLS handshake, such as trust on first use and `region test`, against startSim().
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, Prompt } from '../../../src/context.js';
import { run } from '../../helpers/cli.js';

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RealRunOptions {
  env?: Record<string, string | undefined>;
  tty?: boolean;
  stdin?: string;
  prompt?: Prompt;
  /** default: the real clock (a real server answers in real time) */
  clock?: Clock;
}

export function runReal(args: string[], opts: RealRunOptions = {}): Promise<Result> {
  return run(args, { ...opts, env: { NO_COLOR: '1', ...opts.env }, columns: 200, realTransport: true });
}

export function configDir(): string {
  return mkdtempSync(join(tmpdir(), 'pvectl-region-'));
}

export function readConfig(
  dir: string,
): { currentRegion?: string; regions?: Record<string, Record<string, unknown>> } | null {
  const file = join(dir, 'config.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

/** A prompt that answers from a script and records the questions; fails on anything unplanned. */
export function scriptedPrompt(answers: { confirm?: boolean[]; secret?: string[] }): Prompt & { asked: string[] } {
  const asked: string[] = [];
  const confirms = [...(answers.confirm ?? [])];
  const secrets = [...(answers.secret ?? [])];
  return {
    asked,
    async confirm(q) {
      asked.push(q);
      const a = confirms.shift();
      if (a === undefined) throw new Error(`unexpected confirm: ${q}`);
      return a;
    },
    async secret(q) {
      asked.push(q);
      const a = secrets.shift();
      if (a === undefined) throw new Error(`unexpected secret prompt: ${q}`);
      return a;
    },
  };
}

export function splitToken(token: string): { id: string; secret: string } {
  const bang = token.indexOf('!');
  const eq = token.indexOf('=', bang);
  return { id: token.slice(0, eq), secret: token.slice(eq + 1) };
}
