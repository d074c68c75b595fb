import Ajv from 'ajv'

/**
 * One Ajv for the scaffold's own schemas (template.yaml, operations). They
 * are constants checked by the tests, so the meta-schema check is skipped:
 * compiling the meta-schema again for every instance is a good share of the
 * second `adapter new` may take. `verbose` feeds schemaFindings' hints.
 */
export const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false })
