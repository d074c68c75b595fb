import { YjError, type Localized } from '@yingjie/model'
import type { InboundErrorKind } from '@yingjie/spec'

/**
 * Why a legacy call failed. `unavailable`, `timeout` and `circuit-open` mean
 * the system could not answer (counted by the circuit breaker, retried for
 * idempotent operations); `fault` and `rejected` mean it answered "no"
 * (a SOAP fault, an HTTP 4xx); `bad-response` means the answer could not be read.
 */
export type LegacyErrorKind = 'unavailable' | 'timeout' | 'circuit-open' | 'fault' | 'rejected' | 'bad-response'

/** A failed call to a legacy system, with the system's id and a typed kind. */
export class LegacyError extends Error {
  readonly kind: LegacyErrorKind
  readonly system: string
  /** HTTP status, when the system answered. */
  readonly status?: number
  /** SOAP fault code (`soap:Client`, `env:Receiver`…) or the system's own error code. */
  readonly faultCode?: string
  /** SOAP fault detail or the error body, already parsed. */
  readonly detail?: unknown
  constructor(init: { kind: LegacyErrorKind; system: string; message: string; status?: number; faultCode?: string; detail?: unknown; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = 'LegacyError'
    this.kind = init.kind
    this.system = init.system
    if (init.status !== undefined) this.status = init.status
    if (init.faultCode !== undefined) this.faultCode = init.faultCode
    if (init.detail !== undefined) this.detail = init.detail
  }

  /** The system did not answer usefully: count it against the breaker, retry when idempotent. */
  get transient(): boolean {
    return this.kind === 'unavailable' || this.kind === 'timeout'
  }
}

export function isLegacyError(error: unknown): error is LegacyError {
  return error instanceof LegacyError
}

/**
 * An outcome a handler chooses: the profile's error envelope with the code
 * of `kind` and this message, which the user will read.
 * @example throw new OperationError('notFound', '没有查到该证件号码的参保记录')
 */
export class OperationError extends Error {
  readonly kind: InboundErrorKind
  constructor(kind: InboundErrorKind, message: string) {
    super(message)
    this.name = 'OperationError'
    this.kind = kind
  }
}

export function isOperationError(error: unknown): error is OperationError {
  return error instanceof OperationError
}

/** A mistake in the adapter's definition or configuration, found before it serves. */
export function configError(code: string, message: Localized, hint: Localized): YjError {
  return new YjError({ code, message, hint })
}
