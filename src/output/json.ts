// JSON: always indented by two spaces, on a terminal or not. The same bytes either way are
// easier to reason about, and jq reads both; a 5,000-guest list is ~2 MB either way.

export function renderJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
