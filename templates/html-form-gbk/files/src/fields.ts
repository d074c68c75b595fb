/**
 * Small helpers the mapping uses. Field names are always looked up as own
 * properties, so a field called `constructor` or `__proto__` reads what the
 * platform sent and nothing else.
 */
import type { FormPage, JsonSchema, OperationContext } from '@yingjie/connector'

export type Scalar = string | number | boolean

/** The request body as the platform sent it, already checked against the operation's input schema. */
export type Input = Record<string, unknown>

/** The platform user (set when the operation's identity is `required`). */
export type User = NonNullable<OperationContext['user']>

/** The form fields to submit (undefined ones are left out); encoded in the system's encoding by the connector. */
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
  /** Read the result page (decoded; `page.$` is cheerio, `page.text(selector)` the first match's text). */
  fromLegacy(page: FormPage): Record<string, unknown>
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

/** Form fields as text: booleans become 1 or 0, as a checkbox would send. */
export function formFields(params: LegacyParams): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = Object.create(null)
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'boolean' ? (v ? '1' : '0') : v
  return out
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * The text of the cell after the one labelled `label` (`<th>办理状态</th><td>已受理</td>`),
 * the usual layout of old result pages. Compared as text, whitespace folded.
 */
export function cell(page: FormPage, label: string): string | undefined {
  const want = squash(label)
  const $ = page.$
  let found: string | undefined
  $('th, td, dt, label').each((_, element) => {
    if (squash($(element).text()) !== want) return true
    const next = $(element).next()
    found = next.length ? squash(next.text()) : undefined
    return false
  })
  return found
}

/** An Authorization header for HTTP basic authentication, from environment variables. */
export function basicAuth(user: string | undefined, password: string | undefined): Record<string, string> {
  return user ? { authorization: `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}` } : {}
}
