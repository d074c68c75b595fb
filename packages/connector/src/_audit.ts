/**
 * The audit log: pino, one JSON line per call. Every line passes through
 * the profile's masking just before it is written, so personal data a
 * handler or a legacy error message lets slip is masked all the same;
 * secrets never reach it (headers and bodies are not logged).
 */
import type { AccessProfile } from '@yingjie/spec'
import pino, { type DestinationStream, type Logger } from 'pino'
import { maskTextFast } from './_masking'

export interface AuditLogOptions {
  /**
   * Where lines go: a stream, or a file descriptor.
   * @default 1 (stdout), written asynchronously in 8 KiB chunks
   */
  destination?: DestinationStream | NodeJS.WritableStream | number
  /**
   * `silent` turns the log off (benchmarks of the floor only).
   * @default 'info'
   */
  level?: pino.LevelWithSilent
}

export function createAuditLogger(profile: Pick<AccessProfile, 'masking' | 'id'>, options: AuditLogOptions = {}): Logger {
  const destination =
    options.destination === undefined || typeof options.destination === 'number'
      ? pino.destination({ dest: options.destination ?? 1, sync: false, minLength: 8192 })
      : options.destination
  return pino(
    {
      level: options.level ?? 'info',
      base: { profile: profile.id },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      hooks: { streamWrite: (line) => maskTextFast(line, profile.masking) },
    },
    destination as DestinationStream,
  )
}

/** Flush an asynchronous destination before the process ends. */
export function flushAuditLogger(logger: Logger): void {
  try {
    logger.flush()
  } catch {
    // A destination that is not ready yet has nothing to flush.
  }
}
