// Explicit re-exports only.
export { advanceChannel, appendEventToText, type AdvanceOptions, type AdvanceRequest, type AdvanceResult } from './_advance'
export { renderBulletin, renderGantt, waveSchedule, type WaveSchedule } from './_bulletin'
export { renderDashboard } from './_dashboard'
export { chineseDate, todayInChina } from './_dates'
export { DEFAULT_STAGE_DAYS, FORECAST_RULE, learnStageDurations, MIN_OBSERVATIONS, MIN_REMAINING_DAYS, type StageDurations } from './_forecast'
export { blockersFromSourceReports, conformanceFailures, type ReportInput } from './_inputs'
export { DECISION_LABELS, STAGE_LABELS, stageLabel, TYPE_LABELS, waveLabel } from './_labels'
export { lockPathFor, withFileLock, type LockOptions } from './_lock'
export {
  BUILD_STAGES,
  checkTransition,
  currentEvent,
  MERGE_GATE,
  pathFor,
  pathKind,
  STAGE_PATHS,
  stageIndex,
  VERIFY_FROM,
  type PathKind,
  type TransitionInput,
  type TransitionResult,
} from './_machine'
export {
  MILESTONE_STAGES,
  planCutover,
  type BurndownPoint,
  type ChannelPlan,
  type CutoverPlan,
  type Deadline,
  type PlanOptions,
  type Rollup,
} from './_plan'
export { REPORT_FILES, writeCutoverReport } from './_report'
export { renderWorkbook } from './_workbook'
export { RISK_LEVEL_LABELS, RISK_RULES, riskLevel, type RiskCode, type RiskLevel, type RiskReason } from './_risk'
export { lateChannels, lateUnits, localize, renderPlanText, renderVerifyText, stringifyLocalized } from './_text'
export {
  channelsToVerify,
  judgeShutdown,
  MANUAL_EVIDENCE,
  SHUTDOWN_WORDS,
  verifyCutover,
  type PlatformRef,
  type Probe,
  type ProbeEvidence,
  type ShutdownVerdict,
  type VerdictKind,
  type VerifyItem,
  type VerifyOptions,
  type VerifyReport,
} from './_verify'
