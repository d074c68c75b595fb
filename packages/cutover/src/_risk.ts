import type { Localized } from '@yingjie/model'

/** One reason a channel is at risk, with the points it adds. */
export interface RiskReason {
  code: RiskCode
  points: number
  message: Localized
}

export type RiskCode = 'late' | 'forecast-miss' | 'stuck' | 'province-build' | 'personal-data' | 'source-blockers' | 'conformance-failed' | 'no-migration' | 'moved-back'

/**
 * The risk rules as data: what each reason is worth. The score is the sum,
 * capped at 100; ≥ 50 is high, ≥ 25 medium. Shown in `plan` output so a
 * coordinator can see why a channel ranks where it does.
 */
export const RISK_RULES: Record<RiskCode, { points: number; max?: number; rule: Localized }> = {
  late: { points: 30, max: 50, rule: { zh: '逾期：30 分，每逾期 15 天加 5 分，最多 50 分', en: 'late: 30 points, +5 per 15 days late, at most 50' } },
  'forecast-miss': { points: 15, rule: { zh: '按测算无法在期限前完成核验：15 分', en: 'forecast finish after the deadline: 15' } },
  stuck: { points: 15, rule: { zh: '在当前阶段停留超过阈值（默认 60 天）：15 分', en: 'in the current stage longer than the threshold (default 60 days): 15' } },
  'province-build': { points: 10, rule: { zh: '由省级平台开发（接入方式 b），尚未上线：10 分', en: 'built by the province (access mode b) and not live yet: 10' } },
  'personal-data': { points: 10, rule: { zh: '处理个人信息且用户量大（注册 ≥ 10 万或月活 ≥ 1 万），尚未关停：10 分', en: 'personal data with many users (≥ 100,000 registered or ≥ 10,000 monthly active), not shut down: 10' } },
  'source-blockers': { points: 5, max: 20, rule: { zh: '源码扫描发现的迁移阻碍：每项 5 分，最多 20 分', en: 'blockers from the source scan: 5 each, at most 20' } },
  'conformance-failed': { points: 15, rule: { zh: '适配器一致性测试未通过：15 分', en: 'adapter conformance checks failed: 15' } },
  'no-migration': { points: 20, rule: { zh: '没有迁移进度记录：20 分', en: 'no migration record: 20' } },
  'moved-back': { points: 5, rule: { zh: '近 90 天内阶段回退过：5 分', en: 'moved back a stage in the last 90 days: 5' } },
}

export type RiskLevel = 'high' | 'medium' | 'low'

export function riskLevel(score: number): RiskLevel {
  return score >= 50 ? 'high' : score >= 25 ? 'medium' : 'low'
}

export const RISK_LEVEL_LABELS: Record<RiskLevel, Localized> = {
  high: { zh: '高', en: 'high' },
  medium: { zh: '中', en: 'medium' },
  low: { zh: '低', en: 'low' },
}
