// YAML of the same data as JSON. The yaml package is imported only when -o yaml is asked for.

export async function renderYaml(data: unknown): Promise<string> {
  // yaml ships CommonJS for Node: bundled by esbuild, its exports arrive on `default`
  const mod = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
  const { stringify } = mod.default ?? mod;
  // aliases off: repeated objects (e.g. a shared empty tags array) are written out, not anchored
  return stringify(data, { aliasDuplicateObjects: false, lineWidth: 0 });
}
