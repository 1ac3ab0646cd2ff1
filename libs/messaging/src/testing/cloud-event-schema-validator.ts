import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Validates messages against the published JSON Schema files (libs/messaging/schemas), independently
 * of the zod schemas they were generated from: what an outside consumer would do.
 */
export function publishedSchemaValidator(): (type: string, message: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  const dir = join(import.meta.dirname, '..', '..', 'schemas');
  return (type, message) => {
    const schema = JSON.parse(readFileSync(join(dir, `${type}.json`), 'utf8')) as object;
    const validate = ajv.getSchema((schema as { $id: string }).$id) ?? ajv.compile(schema);
    return validate(message) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  };
}
