import { YjError, type Finding } from '@yingjie/model'

/**
 * Several problems at once (a template.yaml with three mistakes, an answers
 * file with two): the first error is the YjError's own finding, all of them
 * are in `findings` for front ends that list them.
 */
export class ScaffoldError extends YjError {
  readonly findings: Finding[]
  constructor(findings: Finding[]) {
    const first = findings.find((f) => f.severity === 'error') ?? findings[0]!
    super(first)
    this.name = 'ScaffoldError'
    this.findings = findings
  }
}

export function isScaffoldError(error: unknown): error is ScaffoldError {
  return error instanceof ScaffoldError
}
