// Text from the cluster is data: control characters are shown escaped and secrets masked, in every
// format but json/yaml, and in the messages, warnings and progress lines pvectl writes itself.
import { describe, expect, it } from 'vitest';
import { escapeControls, escapeControlsKeepLines } from '../../src/output/escape.js';
import { redact, rememberSecret } from '../../src/output/redact.js';
import { printList, printObject } from '../../src/output/print.js';
import { progress } from '../../src/output/progress.js';
import { report } from '../../src/run-verb.js';
import { ApiError } from '../../src/errors.js';
import type { Column } from '../../src/output/types.js';
import { fakeContext } from './fake-context.js';

// window title, clear screen, an OSC 52 clipboard write, a CSI as C1, a bidi override, backspace
const HOSTILE = '\x1b]0;owned\x07\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07\x9b31m\u202eok\x08';
const SHOWN = '\\x1b]0;owned\\x07\\x1b[2J\\x1b]52;c;cm0gLXJmIH4=\\x07\\x9b31m\\u202eok\\x08';
// what may not reach the terminal raw (tsv's own tabs and every format's own newlines aside)
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/;

describe('escapeControls', () => {
  it('shows every control character as \\xNN (or \\uNNNN), and leaves other text alone', () => {
    expect(escapeControls(HOSTILE)).toBe(SHOWN);
    expect(escapeControls('a\tb\nc\x7f')).toBe('a\\x09b\\x0ac\\x7f');
    expect(escapeControls('plain näme ✓ 日本')).toBe('plain näme ✓ 日本');
  });

  it('in messages, keeps line breaks only', () => {
    expect(escapeControlsKeepLines('one\ntwo\r\x1b[1A')).toBe('one\ntwo\\x0d\\x1b[1A');
  });
});

describe('redact', () => {
  it('masks a remembered secret, raw or URL-encoded', () => {
    rememberSecret('s3cr3t/with+chars');
    expect(redact('x s3cr3t/with+chars y s3cr3t%2Fwith%2Bchars')).toBe('x *** y ***');
    rememberSecret('abc'); // too short to be a token secret: ordinary words stay
    expect(redact('abc')).toBe('abc');
  });
});

interface Row {
  vmid: number;
  name: string;
  tags: string[];
}
const columns: Column<Row>[] = [
  { id: 'vmid', header: 'VMID', value: (r) => r.vmid, kind: 'number' },
  { id: 'name', header: 'NAME', value: (r) => r.name },
  { id: 'tags', header: 'TAGS', value: (r) => r.tags, kind: 'tags' },
];
const rows: Row[] = [{ vmid: 100, name: `web${HOSTILE}`, tags: [`t${HOSTILE}`] }];

describe('the printer', () => {
  it.each(['table', 'wide', 'tsv'] as const)('-o %s shows the text escaped', async (output) => {
    for (const tty of [false, true]) {
      const { ctx, out } = fakeContext({ output, tty, width: 400 });
      await printList(ctx, { rows, columns });
      expect(out.stdout).not.toMatch(RAW);
      expect(out.stdout).toContain(`web${SHOWN}`);
      expect(out.stdout).toContain(`t${SHOWN}`);
      if (output === 'tsv') expect(out.stdout.split('\n')[1]!.split('\t')).toHaveLength(3);
    }
  });

  it('-o id escapes the id, -o json and yaml carry the text exactly', async () => {
    const id = fakeContext({ output: 'id' });
    await printList(id.ctx, { rows, columns, id: (r) => r.name });
    expect(id.out.stdout).toBe(`web${SHOWN}\n`);
    const json = fakeContext({ output: 'json' });
    await printList(json.ctx, { rows, columns });
    expect(JSON.parse(json.out.stdout)).toEqual(rows);
    const yaml = fakeContext({ output: 'yaml' });
    await printObject(yaml.ctx, { value: rows[0]!, fields: columns });
    const { parse } = await import('yaml');
    expect(parse(yaml.out.stdout)).toEqual(rows[0]);
  });

  it('show: fields and section tables are escaped', async () => {
    const { ctx, out } = fakeContext({ output: 'table', width: 400 });
    await printObject(ctx, {
      value: rows[0]!,
      fields: columns,
      sections: [
        {
          title: 'Configuration',
          view: {
            rows: [{ k: 'description', v: `multi\nline ${HOSTILE}` }],
            columns: [
              { id: 'k', header: 'KEY', value: (r: { k: string }) => r.k },
              { id: 'v', header: 'VALUE', value: (r: { v: string }) => r.v },
            ],
          },
        },
      ],
    });
    expect(out.stdout).not.toMatch(RAW);
    expect(out.stdout).toContain(`NAME:  web${SHOWN}\n`);
    expect(out.stdout).toContain(`description  multi line ${SHOWN}\n`);
  });
});

describe('talk on stderr', () => {
  it('warnings and info are escaped, keeping their own line breaks', () => {
    const { ctx, out } = fakeContext();
    ctx.warn(`guest web${HOSTILE} is locked`);
    ctx.info(`line one\nline ${HOSTILE}`);
    expect(out.stderr).toBe(`Warning: guest web${SHOWN} is locked\nline one\nline ${SHOWN}\n`);
  });

  it.each([false, true])('progress lines are escaped (tty %s); the spinner keeps its own codes', (tty) => {
    const { ctx, out } = fakeContext({ tty });
    const p = progress(ctx);
    p.step(`Starting web${HOSTILE}`);
    p.update(HOSTILE);
    p.fail(`task failed: ${HOSTILE}`);
    p.out(`100 web FAILED: ${HOSTILE}\n`);
    p.stop();
    const own = out.stderr.replaceAll('\r\x1b[2K', '');
    expect(own).not.toMatch(RAW);
    expect(own).toContain(`task failed: ${SHOWN}`);
    expect(out.stdout).toBe(`100 web FAILED: ${SHOWN}\n`);
  });

  it('the error printer escapes messages, hints and task log tails, and masks secrets', () => {
    rememberSecret('0d9c7a53-4f4e-4d4e-9e59-1c1f3b2a9e77');
    let stderr = '';
    const io = { stderr: { write: (s: string) => (stderr += s) } } as Parameters<typeof report>[1];
    const err = new ApiError(
      `GET /x: ${HOSTILE} PVEAPIToken=a@pam!b=0d9c7a53-4f4e-4d4e-9e59-1c1f3b2a9e77`,
      500,
      'GET',
      '/x',
    );
    err.hint = `try ${HOSTILE}`;
    expect(report(err, io, false, 'pvectl vm list')).toBe(1);
    expect(stderr).toBe(`Error: GET /x: ${SHOWN} PVEAPIToken=a@pam!b=***\ntry ${SHOWN}\n`);
  });
});
