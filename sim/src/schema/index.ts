// Official PVE API schema (apidoc.json): route matching plus request/response validation
// with pve-common JSONSchema semantics. See docs/DESIGN.md.
export type { ApiSchema } from './types.js';
export { findSchemaFile } from './find.js';
export { loadSchema } from './load.js';
