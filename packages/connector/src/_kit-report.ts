/** The kit's report as people read it, as JSON, and as JUnit XML for a department's CI. */
import type { Lang } from '@yingjie/model'
import type { KitReport } from './_kit'
import { escapeXml } from './_xml'

const MARK = { pass: '✓', fail: '✗', skip: '-' } as const
const WORD = { pass: { zh: '通过', en: 'pass' }, fail: { zh: '失败', en: 'FAIL' }, skip: { zh: '跳过', en: 'skip' } } as const

export function renderKitText(report: KitReport, lang: Lang): string {
  const lines = [
    lang === 'zh'
      ? `一致性检查：${report.channel ? `${report.channel} ` : ''}${report.url}（接入规范 ${report.profile}）`
      : `Conformance: ${report.channel ? `${report.channel} ` : ''}${report.url} (profile ${report.profile})`,
    '',
  ]
  const width = Math.max(...report.checks.map((c) => c.id.length))
  for (const c of report.checks) {
    lines.push(`  ${MARK[c.status]} ${WORD[c.status][lang].padEnd(4)} ${c.id.padEnd(width)}  ${c.title[lang]}`)
    if (c.status !== 'pass' || c.message.en !== 'passed') lines.push(`${' '.repeat(width + 12)}${c.message[lang]}`)
  }
  lines.push(
    '',
    lang === 'zh'
      ? `通过 ${report.passed} 项，失败 ${report.failed} 项，跳过 ${report.skipped} 项（${report.ms} ms）`
      : `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (${report.ms} ms)`,
  )
  return `${lines.join('\n')}\n`
}

export function kitReportJson(report: KitReport, lang: Lang): Record<string, unknown> {
  return {
    ok: report.ok,
    ...(report.channel ? { channel: report.channel } : {}),
    url: report.url,
    profile: report.profile,
    passed: report.passed,
    failed: report.failed,
    skipped: report.skipped,
    ms: report.ms,
    checks: report.checks.map((c) => ({ id: c.id, status: c.status, title: c.title[lang], message: c.message[lang], ms: c.ms })),
  }
}

/** JUnit XML as Jenkins, GitLab and most CI systems read it: one testcase per check. */
export function renderKitJunit(report: KitReport, lang: Lang): string {
  const cases = report.checks.map((c) => {
    const open = `    <testcase classname="yingjie.adapter.${escapeXml(report.profile)}" name="${escapeXml(c.id)}" time="${(c.ms / 1000).toFixed(3)}"`
    if (c.status === 'pass') return `${open}/>`
    const inner = c.status === 'fail' ? `<failure message="${escapeXml(c.message[lang])}">${escapeXml(c.title[lang])}</failure>` : `<skipped message="${escapeXml(c.message[lang])}"/>`
    return `${open}>\n      ${inner}\n    </testcase>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="yingjie adapter verify" tests="${report.checks.length}" failures="${report.failed}" skipped="${report.skipped}" time="${(report.ms / 1000).toFixed(3)}">`,
    // The suite is named for the channel, so `yingjie cutover plan --conformance FILE` can match it.
    `  <testsuite name="${escapeXml(report.channel ?? report.url)}" hostname="${escapeXml(report.url)}" tests="${report.checks.length}" failures="${report.failed}" skipped="${report.skipped}" time="${(report.ms / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
