import { afterEach, describe, expect, it } from 'vitest';
import { findSchemaFile, loadSchema } from '../../src/schema/index.js';
import { haveSchema, schemaFile } from './real-schema.js';

const saved = process.env.PVESIM_SCHEMA;
afterEach(() => {
  if (saved === undefined) delete process.env.PVESIM_SCHEMA;
  else process.env.PVESIM_SCHEMA = saved;
});

describe('findSchemaFile / loadSchema', () => {
  it('uses $PVESIM_SCHEMA and never falls back when it names a missing file', () => {
    process.env.PVESIM_SCHEMA = '/nonexistent/apidoc.json';
    expect(findSchemaFile()).toBeNull();
    expect(loadSchema()).toBeNull();
    process.env.PVESIM_SCHEMA = '';
    expect(findSchemaFile()).toBeNull();
  });

  it('loadSchema(null) and a missing file mean "no schema"', () => {
    expect(loadSchema(null)).toBeNull();
    expect(loadSchema('/nonexistent/apidoc.json')).toBeNull();
  });

  it.skipIf(!haveSchema)('finds ../shared/pve-api/apidoc.json by walking up', () => {
    delete process.env.PVESIM_SCHEMA;
    expect(findSchemaFile()).toBe(schemaFile);
    process.env.PVESIM_SCHEMA = schemaFile;
    expect(findSchemaFile()).toBe(schemaFile);
  });

  it.skipIf(!haveSchema)('loads (its speed: bench/schema.mjs)', () => {
    expect(loadSchema(schemaFile)).not.toBeNull();
  });
});
