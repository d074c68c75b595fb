import type { ChannelType, Decision, Localized, Stage } from '@yingjie/model'

export const STAGE_LABELS: Record<Stage, Localized> = {
  inventoried: { zh: '已摸查', en: 'inventoried' },
  planned: { zh: '已定方案', en: 'planned' },
  developing: { zh: '开发中', en: 'developing' },
  testing: { zh: '联调测试', en: 'testing' },
  live: { zh: '已上线', en: 'live' },
  parallel: { zh: '并行运行', en: 'parallel run' },
  notice: { zh: '已发停服公告', en: 'shutdown notice' },
  shutdown: { zh: '原渠道已关停', en: 'old channel shut down' },
  verified: { zh: '关停已核验', en: 'shutdown verified' },
}

export const NO_STAGE_LABEL: Localized = { zh: '未建迁移记录', en: 'no migration record' }

export const TYPE_LABELS: Record<ChannelType, Localized> = {
  app: { zh: 'APP', en: 'app' },
  miniprogram: { zh: '小程序', en: 'mini-program' },
  h5: { zh: 'H5', en: 'H5' },
  'official-account': { zh: '公众号', en: 'official account' },
}

export const DECISION_LABELS: Record<Decision, Localized> = {
  connect: { zh: '接入', en: 'connect' },
  rebuild: { zh: '重建', en: 'rebuild' },
  retire: { zh: '下线', en: 'retire' },
  merge: { zh: '合并', en: 'merge' },
}

export function stageLabel(stage: Stage | null, lang: 'zh' | 'en'): string {
  return stage ? STAGE_LABELS[stage][lang] : NO_STAGE_LABEL[lang]
}

export function waveLabel(wave: string | null, lang: 'zh' | 'en'): string {
  if (wave === null) return lang === 'zh' ? '未分批' : 'no wave'
  return /^\d+$/.test(wave) ? (lang === 'zh' ? `第${wave}批` : `wave ${wave}`) : wave
}
