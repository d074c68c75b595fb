/**
 * Test users of the mock platform. Fictional people with real-looking
 * numbers: ID numbers and USCCs carry valid check characters (computed,
 * not typed), so the masking detector treats them as the real thing.
 */
import { idNumberCheckChar, usccCheckChar } from '@yingjie/model'
import type { IdType, RealNameLevel } from '@yingjie/spec'

export interface TestUser {
  /** What `--user` names, e.g. `zhangsan`. */
  id: string
  kind: 'person' | 'legal-person'
  name: string
  idNumber: string
  idType?: IdType
  phone?: string
  realNameLevel?: RealNameLevel
  org?: { name: string; uscc?: string; legalRepresentative?: string }
}

const id = (first17: string) => first17 + idNumberCheckChar(first17)

export const DEFAULT_TEST_USERS: readonly TestUser[] = [
  { id: 'zhangsan', kind: 'person', name: '张三', idNumber: id('13060219900307123'), phone: '13812345678', realNameLevel: 'face' },
  { id: 'lisi', kind: 'person', name: '李四', idNumber: id('13062419851112004'), phone: '13912345678', realNameLevel: 'verified' },
  {
    id: 'corp',
    kind: 'legal-person',
    name: '王五',
    idNumber: id('13060219780423551'),
    phone: '15012345678',
    realNameLevel: 'face',
    org: { name: '保定示例科技有限公司（虚构）', uscc: `91130600MA0A1B2C2${usccCheckChar('91130600MA0A1B2C2')}`, legalRepresentative: '王五' },
  },
]
