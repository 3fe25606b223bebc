import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = new URL('../../', import.meta.url);

/**
 * Compile a JSON Schema from a path inside the repository. Both schemas we validate against
 * declare draft 2020-12 (the vendored SARIF copy is the OASIS errata edition, which moved off
 * draft-07), hence Ajv2020; `ajv-formats` supplies `uri`, `uuid` and `date-time`.
 */
export function compileSchema(relativePath: string, options: { strict: boolean }): ValidateFunction {
  const schema = JSON.parse(readFileSync(new URL(relativePath, root), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: options.strict });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object.
  addFormats.default(ajv);
  return ajv.compile(schema);
}

/** Ajv's errors as one readable string, so a failing assertion says what is wrong. */
export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`)
    .join('\n');
}
