/**
 * Small helpers the mapping uses. Field names are always looked up as own
 * properties, so a field called `constructor` or `__proto__` reads what the
 * platform sent and nothing else.
 */
import type { JsonSchema, OperationContext } from '@yingjie/connector'

export type Scalar = string | number | boolean

/** The request body as the platform sent it, already checked against the operation's input schema. */
export type Input = Record<string, unknown>

/** The platform user (set when the operation's identity is `required`). */
export type User = NonNullable<OperationContext['user']>

/** The parameters of the SOAP call: each becomes a child element of the operation element (undefined ones are left out). */
export type LegacyParams = Record<string, Scalar | undefined>

/** One operation's mapping: the platform-side schema and example, and both directions of the field mapping. */
export interface OperationMapping {
  /** JSON Schema of the request the platform sends. */
  input: JsonSchema
  /** JSON Schema of the data returned (for the OpenAPI document). */
  output: JsonSchema
  /** A valid request: shown in the OpenAPI document and used by the conformance kit. */
  example: Record<string, unknown>
  toLegacy(input: Input, user: User | undefined): LegacyParams
  fromLegacy(reply: Record<string, unknown>): Record<string, unknown>
}

export function field(input: Input, name: string): Scalar | undefined {
  const value = Object.hasOwn(input, name) ? input[name] : undefined
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined
}

export function pick(reply: Record<string, unknown>, name: string): unknown {
  return reply !== null && typeof reply === 'object' && Object.hasOwn(reply, name) ? reply[name] : undefined
}

export function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

export function asNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : undefined
}

export function asInteger(value: unknown): number | undefined {
  const n = asNumber(value)
  return n === undefined ? undefined : Math.trunc(n)
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (value === undefined || value === null || value === '') return undefined
  return ['true', '1', 'y', 'yes', '是'].includes(String(value).trim().toLowerCase())
}
