// YAML of the same data as JSON. The yaml package is imported only when -o yaml is asked for.

export async function renderYaml(data: unknown): Promise<string> {
  const { stringify } = await import('yaml');
  // aliases off: repeated objects (e.g. a shared empty tags array) are written out, not anchored
  return stringify(data, { aliasDuplicateObjects: false, lineWidth: 0 });
}
