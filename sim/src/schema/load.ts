// Reads apidoc.json once and builds the route index; parameter/return schemas are then
// interpreted in place (per-object indexes and compiled patterns are cached on first use).
import { existsSync, readFileSync } from 'node:fs';
import { findSchemaFile } from './find.js';
import { validateRequest } from './request.js';
import { checkReturns } from './returns.js';
import { RouteIndex } from './routes.js';
import type { ApiSchema, TreeNode } from './types.js';

/** Builds an ApiSchema from the already parsed schema tree (tests may pass a trimmed tree). */
export function schemaFromTree(tree: TreeNode[]): ApiSchema {
  if (!Array.isArray(tree)) throw new Error('apidoc.json: expected a top-level array of path nodes');
  const routes = new RouteIndex(tree);
  return {
    match(method, path) {
      const found = routes.find(path);
      if (!found || !found.endpoint.methods[method.toUpperCase()]) return null;
      return { template: found.endpoint.template, pathParams: found.pathParams };
    },
    validateRequest: (method, path, params) => validateRequest(routes, method, path, params),
    validateResponse(method, path, data) {
      const found = routes.find(path);
      const info = found?.endpoint.methods[method.toUpperCase()];
      if (!found || !info) return [`${method.toUpperCase()} ${path} is not in the schema`];
      return checkReturns(info.returns, data, found.endpoint.template);
    },
  };
}

/**
 * Loads the schema. `file` undefined = findSchemaFile(); null or a missing file = no schema
 * (null). A file that exists but does not parse is an error worth seeing, so it throws.
 */
export function loadSchema(file?: string | null): ApiSchema | null {
  const path = file === undefined ? findSchemaFile() : file;
  if (!path || !existsSync(path)) return null;
  let tree: TreeNode[];
  try {
    tree = JSON.parse(readFileSync(path, 'utf8')) as TreeNode[];
  } catch (err) {
    throw new Error(`cannot read PVE API schema ${path}: ${(err as Error).message}`);
  }
  return schemaFromTree(tree);
}
