// Shared by the schema tests: the official apidoc.json from ../shared (relative to the repo
// root), or null with one clear message so dependent suites skip instead of failing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSchema, type ApiSchema } from '../../src/schema/index.js';
import type { TreeNode } from '../../src/schema/types.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const schemaFile = resolve(repoRoot, '../shared/pve-api/apidoc.json');
export const haveSchema = existsSync(schemaFile);

if (!haveSchema) {
  process.stderr.write(`\n!! ${schemaFile} is absent: schema tests against the real API are skipped.\n\n`);
}

export const schema: ApiSchema | null = haveSchema ? loadSchema(schemaFile) : null;

let tree: TreeNode[] | null = null;
/** The raw JSON tree (parsed once per test file). */
export function rawTree(): TreeNode[] {
  tree ??= JSON.parse(readFileSync(schemaFile, 'utf8')) as TreeNode[];
  return tree;
}

/** Every `pattern` string anywhere in the file. */
export function allPatterns(): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    const p = (v as { pattern?: unknown }).pattern;
    if (typeof p === 'string') out.add(p);
    for (const x of Object.values(v)) walk(x);
  };
  walk(rawTree());
  return out;
}
