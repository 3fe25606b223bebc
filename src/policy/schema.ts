import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from '@bufbuild/re2';

/** Largest policy schema accepted, in JSON nodes, and its deepest nesting: a schema is a shape, not a data set. */
export const MAX_SCHEMA_NODES = 10_000;
export const MAX_SCHEMA_DEPTH = 64;

/** A schema that cannot be compiled: what is wrong, for the one-line config error. */
export class SchemaCompileError extends Error {
  override readonly name = 'SchemaCompileError';
}

/** The first failure of a value against a policy schema: where inside the value, and what it says. */
export interface SchemaFailure {
  /** Keys and indexes below the checked value (empty for the value itself). */
  path: (string | number)[];
  message: string;
}

export type CompiledSchema = (value: unknown) => SchemaFailure | undefined;

// `pattern` and `patternProperties` run on RE2 (linear time): a policy's regex cannot hang a run.
const re2: ((pattern: string, flags: string) => { test(text: string): boolean }) & { code: string } = Object.assign(
  (pattern: string) => {
    const compiled = RE2JS.compile(pattern);
    // Ajv shares a compiled pattern between schemas by its toString(): it must name the pattern.
    return { test: (text: string) => compiled.test(text), toString: () => `/${pattern}/` };
  },
  { code: 'RE2JS' },
);

let ajv: Ajv | undefined;

function instance(): Ajv {
  if (ajv) return ajv;
  // Ajv's advice for schemas it does not control: the first error only (allErrors off), no $data,
  // no remote $ref loading, and a linear regex engine.
  // Unknown keywords and formats are refused (a typo would pass everything); the type and `required`
  // lints of strict mode are not, and nothing is logged.
  ajv = new Ajv({
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allErrors: false,
    $data: false,
    code: { regExp: re2 },
    addUsedSchema: false,
    logger: false,
  });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  return ajv;
}

/** Compile a policy schema once; throws SchemaCompileError saying what is wrong. */
export function compileSchema(schema: unknown): CompiledSchema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    if (typeof schema !== 'boolean') throw new SchemaCompileError('expected a JSON Schema object');
  }
  checkSize(schema);
  let validate: ValidateFunction;
  try {
    validate = instance().compile(schema as object);
  } catch (error) {
    throw new SchemaCompileError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  return (value) => {
    if (validate(value)) return undefined;
    const error = validate.errors?.[0];
    return error ? failure(error) : { path: [], message: 'does not match the schema' };
  };
}

function failure(error: ErrorObject): SchemaFailure {
  const path = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map(unescapePointer);
  const where = error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
  return { path, message: `${error.message ?? 'does not match the schema'}${where}` };
}

function unescapePointer(segment: string): string | number {
  const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key;
}

function checkSize(schema: unknown): void {
  let nodes = 0;
  const stack: [unknown, number][] = [[schema, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++nodes > MAX_SCHEMA_NODES) throw new SchemaCompileError(`the schema has more than ${MAX_SCHEMA_NODES} nodes`);
    if (depth > MAX_SCHEMA_DEPTH) throw new SchemaCompileError(`the schema is nested deeper than ${MAX_SCHEMA_DEPTH} levels`);
    if (typeof node === 'object' && node !== null) for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
}
