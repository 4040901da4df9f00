// Path-template index: a segment trie built once from the schema tree. Matching walks one
// segment at a time, trying the literal child before placeholders (so `/status/current` beats
// a `{x}` at the same depth) and backtracking if that branch dead-ends. Cost is proportional to
// the path depth, not to the ~440 templates.
import type { MethodInfo, TreeNode } from './types.js';

export interface Endpoint {
  template: string;
  methods: Record<string, MethodInfo>;
}

interface TrieNode {
  literal: Map<string, TrieNode>;
  params: Array<{ name: string; node: TrieNode }>;
  endpoint?: Endpoint;
}

export interface RouteMatch {
  endpoint: Endpoint;
  pathParams: Record<string, string>;
}

const newNode = (): TrieNode => ({ literal: new Map(), params: [] });

function decode(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes stay as sent
  }
}

/** Splits an API path into decoded segments; tolerates a leading `/api2/json` and extra slashes. */
export function pathSegments(path: string): string[] {
  const q = path.indexOf('?');
  let p = q >= 0 ? path.slice(0, q) : path;
  if (p.startsWith('/api2/json/')) p = p.slice('/api2/json'.length);
  return p
    .split('/')
    .filter((s) => s !== '')
    .map(decode);
}

/**
 * pve-storage PVE/API2/Storage/Status.pm mounts Content under `{storage}/content` with
 * `fragmentDelimiter => ''` (volume IDs may contain "/"), so pve-common RESTHandler
 * map_path_to_methods joins the rest of the path into one `{volume}`.
 */
function joinFragment(segs: string[]): string[] {
  const isContent = segs[0] === 'nodes' && segs[2] === 'storage' && segs[4] === 'content';
  return isContent && segs.length > 6 ? [...segs.slice(0, 5), segs.slice(5).join('/')] : segs;
}

export class RouteIndex {
  private readonly root = newNode();
  readonly size: number;

  constructor(tree: TreeNode[]) {
    let n = 0;
    const visit = (nodes: TreeNode[]): void => {
      for (const node of nodes) {
        if (node.info) {
          this.add(node.path, node.info);
          n++;
        }
        if (node.children) visit(node.children);
      }
    };
    visit(tree);
    this.size = n;
  }

  private add(template: string, methods: Record<string, MethodInfo>): void {
    let node = this.root;
    for (const seg of template.split('/').filter((s) => s !== '')) {
      const ph = /^\{(.+)\}$/.exec(seg);
      if (ph) {
        let next = node.params.find((p) => p.name === ph[1]);
        if (!next) node.params.push((next = { name: ph[1]!, node: newNode() }));
        node = next.node;
      } else {
        let next = node.literal.get(seg);
        if (!next) node.literal.set(seg, (next = newNode()));
        node = next;
      }
    }
    node.endpoint = { template, methods };
  }

  /** The endpoint whose template matches `path` (any method), with decoded path parameters. */
  find(path: string): RouteMatch | null {
    const segs = joinFragment(pathSegments(path));
    const values: Array<[string, string]> = [];
    const walk = (node: TrieNode, i: number): Endpoint | null => {
      if (i === segs.length) return node.endpoint ?? null;
      const seg = segs[i]!;
      const lit = node.literal.get(seg);
      if (lit) {
        const found = walk(lit, i + 1);
        if (found) return found;
      }
      for (const p of node.params) {
        values.push([p.name, seg]);
        const found = walk(p.node, i + 1);
        if (found) return found;
        values.pop();
      }
      return null;
    };
    const endpoint = walk(this.root, 0);
    return endpoint ? { endpoint, pathParams: Object.fromEntries(values) } : null;
  }
}
