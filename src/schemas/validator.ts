/** One error of a generated validator: the part of Ajv's `ErrorObject` the linter reads. */
export interface SchemaError {
  keyword: string;
  /** JSON pointer of the offending value (`/server/ha/replicas`). */
  instancePath: string;
  /** JSON pointer of the schema keyword that failed (`#/properties/server/.../type`). */
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * A validator compiled ahead of time by scripts/build-schemas.mjs (no Ajv at run time). After a
 * call, `errors` holds the errors of that call, or null.
 */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** What each generated module under src/schemas/generated/ exports. */
export interface SchemaModule {
  validate: SchemaValidator;
  /** The root schema the validator was compiled from, for `knownKeysAt` suggestions. */
  schema: Record<string, unknown>;
}
