/**
 * The survey workbook's sheets and columns, as data. The survey writer, the
 * importer and the error workbook all read this one table: a column's
 * header, the entity field it fills, how a cell is read, its drop-down list
 * and its input hint live here and nowhere else.
 */
import {
  ACCESS_MODES,
  CHANNEL_TYPES,
  DECISIONS,
  ORG_LEVELS,
  STAGES,
  type AccessMode,
  type ChannelType,
  type Decision,
  type Localized,
  type OrgLevel,
  type Stage,
  type ValuePath,
} from '@yingjie/model'

/** A closed-list value: the code stored in YAML and the label shown in Excel. */
export interface Choice {
  code: string | number | boolean
  label: Localized
  /** Other spellings accepted on import (compared after NFKC, case-insensitively). */
  aliases?: readonly string[]
}

/**
 * How a cell is read:
 * - `text`: free text; trimmed, inner full-width characters kept (Chinese punctuation is content).
 * - `code`: an identifier typed by hand (USCC, phone, appid, region code): NFKC, trimmed; a number
 *   cell that Excel has rounded or written in scientific notation is an error, never a value.
 * - `id`: an entity id; NFKC, trimmed, lower-cased.
 * - `url`: NFKC, trimmed.
 * - `date`: a date cell, an Excel serial number, or text such as 2022-02-20, 2022/2/20, 2022年2月20日.
 * - `integer`: a number cell or digits with thousands separators.
 * - `choice`: one of `choices`, by label or code.
 * - `list`: several values separated by line breaks, commas or 、.
 * - `services`: one service per line, `名称|高频事项编码|实施编码` (codes optional).
 */
export type CellType = 'text' | 'code' | 'id' | 'url' | 'date' | 'integer' | 'choice' | 'list' | 'services'

export interface ColumnDef {
  /** Stable key, also accepted as a header (e.g. in a CSV made by a script). */
  key: string
  header: Localized
  /** Where the value goes in the entity, e.g. ['spec', 'type']. */
  path: ValuePath
  type: CellType
  choices?: readonly Choice[]
  /** Shown with a * in the header; the schema is what enforces it. */
  required?: boolean
  /** Input hint, shown as the header cell's note. */
  hint: Localized
  /** Value in the example row. */
  example?: string | number
  /** Column width in characters. */
  width?: number
  /** Other header texts accepted on import. */
  aliases?: readonly string[]
}

export type SheetKind = 'Organization' | 'Channel' | 'Interface'

export interface SheetDef {
  kind: SheetKind
  name: Localized
  /** Other sheet names accepted on import. */
  aliases?: readonly string[]
  columns: readonly ColumnDef[]
}

function choices<T extends string>(codes: readonly T[], labels: Record<NoInfer<T>, Localized>, aliases: Partial<Record<NoInfer<T>, string[]>> = {}): Choice[] {
  return codes.map((code) => ({ code, label: labels[code], aliases: aliases[code] }))
}

const CHANNEL_TYPE_LABELS: Record<ChannelType, Localized> = {
  app: { zh: 'APP', en: 'App' },
  miniprogram: { zh: '小程序', en: 'Mini-program' },
  h5: { zh: 'H5', en: 'H5' },
  'official-account': { zh: '公众号', en: 'Official account' },
}
export const CHANNEL_TYPE_CHOICES = choices(CHANNEL_TYPES, CHANNEL_TYPE_LABELS, {
  app: ['移动应用', '客户端', '应用'],
  miniprogram: ['微信小程序', '支付宝小程序'],
  h5: ['网页', '手机网页', 'H5页面'],
  'official-account': ['微信公众号', '服务号', '订阅号'],
})

const DECISION_LABELS: Record<Decision, Localized> = {
  connect: { zh: '接入', en: 'Connect' },
  rebuild: { zh: '重建', en: 'Rebuild' },
  retire: { zh: '下线', en: 'Retire' },
  merge: { zh: '合并', en: 'Merge' },
}
export const DECISION_CHOICES = choices(DECISIONS, DECISION_LABELS, {
  connect: ['接入冀时办', '接入省级平台'],
  retire: ['关停', '停用'],
  merge: ['整合', '并入'],
})

const ACCESS_MODE_LABELS: Record<AccessMode, Localized> = {
  self: { zh: '部门自行开发对接', en: 'Department connects itself' },
  province: { zh: '省级代为开发', en: 'Developed by the province' },
  'city-hosted': { zh: '市级平台承载', en: 'Hosted by the city platform' },
}
export const ACCESS_MODE_CHOICES = choices(ACCESS_MODES, ACCESS_MODE_LABELS, {
  self: ['自行开发', '部门自行开发', '方式一'],
  province: ['省级开发', '省里开发', '方式二'],
  'city-hosted': ['市级承载', '市级平台', '方式三'],
})

const ORG_LEVEL_LABELS: Record<OrgLevel, Localized> = {
  province: { zh: '省级', en: 'Province' },
  city: { zh: '市级', en: 'City' },
  county: { zh: '县（市）', en: 'County' },
  district: { zh: '区', en: 'District' },
  zone: { zh: '开发区', en: 'Zone' },
  township: { zh: '乡镇', en: 'Township' },
}
export const ORG_LEVEL_CHOICES = choices(ORG_LEVELS, ORG_LEVEL_LABELS, {
  city: ['市直', '市'],
  county: ['县', '县级', '县级市'],
  district: ['市辖区'],
  zone: ['园区', '高新区'],
  township: ['乡', '镇', '街道'],
})

export const STAGE_LABELS: Record<Stage, Localized> = {
  inventoried: { zh: '已摸查', en: 'Inventoried' },
  planned: { zh: '已定方案', en: 'Planned' },
  developing: { zh: '开发中', en: 'Developing' },
  testing: { zh: '联调测试', en: 'Testing' },
  live: { zh: '已上线', en: 'Live' },
  parallel: { zh: '并行运行', en: 'Parallel run' },
  notice: { zh: '已发停服公告', en: 'Shutdown announced' },
  shutdown: { zh: '原渠道已关停', en: 'Legacy shut down' },
  verified: { zh: '关停已核验', en: 'Shutdown verified' },
}
export const STAGE_CHOICES = choices(STAGES, STAGE_LABELS)

type Host = 'wechat' | 'alipay' | 'baidu' | 'douyin' | 'other'
export const MINIPROGRAM_HOST_CHOICES = choices<Host>(['wechat', 'alipay', 'baidu', 'douyin', 'other'], {
  wechat: { zh: '微信', en: 'WeChat' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  baidu: { zh: '百度', en: 'Baidu' },
  douyin: { zh: '抖音', en: 'Douyin' },
  other: { zh: '其他', en: 'Other' },
})

type OaPlatform = 'wechat' | 'alipay' | 'weibo' | 'other'
export const OFFICIAL_ACCOUNT_PLATFORM_CHOICES = choices<OaPlatform>(['wechat', 'alipay', 'weibo', 'other'], {
  wechat: { zh: '微信', en: 'WeChat' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  weibo: { zh: '微博', en: 'Weibo' },
  other: { zh: '其他', en: 'Other' },
})

export const YES_NO_CHOICES: Choice[] = [
  { code: true, label: { zh: '是', en: 'Yes' }, aliases: ['y', 'yes', 'true', '1', '有'] },
  { code: false, label: { zh: '否', en: 'No' }, aliases: ['n', 'no', 'false', '0', '无'] },
]

export const MLPS_CHOICES: Choice[] = [1, 2, 3, 4, 5].map((n) => ({
  code: n,
  label: { zh: `${'一二三四五'[n - 1]}级`, en: `Level ${n}` },
  aliases: [`第${'一二三四五'[n - 1]}级`, `${n}级`, `等保${'一二三四五'[n - 1]}级`],
}))

type Protocol = 'rest-json' | 'soap' | 'html-form' | 'other'
export const PROTOCOL_CHOICES = choices<Protocol>(['rest-json', 'soap', 'html-form', 'other'], {
  'rest-json': { zh: 'REST/JSON', en: 'REST/JSON' },
  soap: { zh: 'SOAP/XML', en: 'SOAP/XML' },
  'html-form': { zh: '网页表单', en: 'HTML form' },
  other: { zh: '其他', en: 'Other' },
}, { 'rest-json': ['rest', 'json', 'http'], soap: ['webservice', 'xml'], 'html-form': ['表单', 'form'] })

type Encoding = 'utf-8' | 'gbk' | 'gb18030'
export const ENCODING_CHOICES = choices<Encoding>(['utf-8', 'gbk', 'gb18030'], {
  'utf-8': { zh: 'UTF-8', en: 'UTF-8' },
  gbk: { zh: 'GBK', en: 'GBK' },
  gb18030: { zh: 'GB18030', en: 'GB18030' },
}, { 'utf-8': ['utf8'], gbk: ['gb2312'] })

type AuthType = 'none' | 'basic' | 'token' | 'hmac' | 'ip-whitelist' | 'other'
export const AUTH_CHOICES = choices<AuthType>(['none', 'basic', 'token', 'hmac', 'ip-whitelist', 'other'], {
  none: { zh: '无', en: 'None' },
  basic: { zh: '用户名口令', en: 'Basic' },
  token: { zh: '令牌', en: 'Token' },
  hmac: { zh: '签名（HMAC）', en: 'HMAC' },
  'ip-whitelist': { zh: 'IP 白名单', en: 'IP whitelist' },
  other: { zh: '其他', en: 'Other' },
}, { basic: ['basic', '账号密码'], token: ['token', 'appkey'], hmac: ['签名'], 'ip-whitelist': ['白名单', 'ip白名单'] })

const OWNER_COLUMN: ColumnDef = {
  key: 'owner',
  header: { zh: '所属单位编号', en: 'Organization id' },
  path: ['metadata', 'owner'],
  type: 'id',
  required: true,
  width: 16,
  aliases: ['所属单位', '单位编号', '单位'],
  hint: { zh: '填写单位编号（如 bd-rsj）或单位全称；本单位的摸查表可留空', en: 'organization id (e.g. bd-rsj) or full name; may be left empty in a single-organization survey' },
  example: 'bd-rsj',
}

const CODE_HINT = { zh: '请先把单元格设为“文本”格式再填写，以免 Excel 改写号码', en: 'format the cell as Text first so Excel does not alter the number' }

export const ORGANIZATION_SHEET: SheetDef = {
  kind: 'Organization',
  name: { zh: '单位', en: 'Organizations' },
  aliases: ['单位信息', '单位情况', 'organizations'],
  columns: [
    { key: 'id', header: { zh: '单位编号', en: 'Id' }, path: ['metadata', 'id'], type: 'id', required: true, width: 16, hint: { zh: '小写字母、数字和连字符，如 bd-rsj；已有单位请勿修改', en: 'lowercase letters, digits and hyphens, e.g. bd-rsj; do not change it for existing units' }, example: 'bd-example' },
    { key: 'name', header: { zh: '单位名称', en: 'Name' }, path: ['metadata', 'name'], type: 'text', required: true, width: 28, hint: { zh: '单位全称', en: 'full name' }, example: '保定市示例局' },
    { key: 'uscc', header: { zh: '统一社会信用代码', en: 'USCC' }, path: ['spec', 'uscc'], type: 'code', required: true, width: 22, hint: { zh: `18 位统一社会信用代码。${CODE_HINT.zh}`, en: `the 18-character unified social credit code; ${CODE_HINT.en}` }, example: '11130600MB1F57280W' },
    { key: 'level', header: { zh: '层级', en: 'Level' }, path: ['spec', 'level'], type: 'choice', choices: ORG_LEVEL_CHOICES, required: true, width: 10, hint: { zh: '从下拉列表中选择', en: 'pick from the list' }, example: '市级' },
    { key: 'regionCode', header: { zh: '行政区划代码', en: 'Region code' }, path: ['spec', 'regionCode'], type: 'code', required: true, width: 14, hint: { zh: '6 位行政区划代码，如 130600', en: '6-digit region code, e.g. 130600' }, example: '130600' },
    { key: 'parent', header: { zh: '上级单位编号', en: 'Parent id' }, path: ['spec', 'parent'], type: 'id', width: 16, hint: { zh: '内设或派出机构填写上级单位编号；没有可留空', en: 'parent organization id, if any' } },
    { key: 'contactName', header: { zh: '联系人', en: 'Contact' }, path: ['spec', 'contact', 'name'], type: 'text', width: 10, hint: { zh: '负责渠道接入工作的联系人姓名', en: 'name of the contact person for the migration' }, example: '张三' },
    { key: 'contactTitle', header: { zh: '联系人职务', en: 'Contact title' }, path: ['spec', 'contact', 'title'], type: 'text', width: 14, hint: { zh: '如 信息科科长', en: 'e.g. head of IT' }, example: '信息科科长' },
    { key: 'contactPhone', header: { zh: '联系电话', en: 'Contact phone' }, path: ['spec', 'contact', 'phone'], type: 'code', width: 16, hint: { zh: `手机号或带区号的座机号，如 0312-1234567。${CODE_HINT.zh}`, en: `mobile or landline with area code, e.g. 0312-1234567; ${CODE_HINT.en}` }, example: '0312-1234567' },
    { key: 'contactEmail', header: { zh: '电子邮箱', en: 'Email' }, path: ['spec', 'contact', 'email'], type: 'code', width: 22, hint: { zh: '联系人邮箱（可选）', en: 'contact email (optional)' } },
    { key: 'websites', header: { zh: '门户网站', en: 'Websites' }, path: ['spec', 'websites'], type: 'list', width: 30, hint: { zh: '本单位网站地址，多个用换行分隔', en: 'website addresses, one per line' }, example: 'https://example.baoding.invalid/' },
  ],
}

export const CHANNEL_SHEET: SheetDef = {
  kind: 'Channel',
  name: { zh: '渠道', en: 'Channels' },
  aliases: ['渠道信息', '自建渠道', 'channels'],
  columns: [
    OWNER_COLUMN,
    { key: 'id', header: { zh: '渠道编号', en: 'Id' }, path: ['metadata', 'id'], type: 'id', width: 18, hint: { zh: '已登记的渠道请勿修改；新渠道可留空，导入时自动生成', en: 'keep it for registered channels; leave empty for a new one and it is generated' }, example: 'bd-rsj-example' },
    { key: 'name', header: { zh: '渠道名称', en: 'Name' }, path: ['metadata', 'name'], type: 'text', required: true, width: 24, hint: { zh: '用户看到的名称，如 保定人社', en: 'the name users see' }, example: '示例人社（微信小程序）' },
    { key: 'type', header: { zh: '渠道类型', en: 'Type' }, path: ['spec', 'type'], type: 'choice', choices: CHANNEL_TYPE_CHOICES, required: true, width: 10, hint: { zh: '从下拉列表中选择：APP、小程序、H5、公众号', en: 'pick from the list: app, mini-program, H5, official account' }, example: '小程序' },
    { key: 'androidPackage', header: { zh: 'Android 包名', en: 'Android package' }, path: ['spec', 'identifiers', 'androidPackage'], type: 'code', width: 20, hint: { zh: 'APP 填写，如 cn.gov.bd.rsj', en: 'for apps, e.g. cn.gov.bd.rsj' } },
    { key: 'iosAppId', header: { zh: 'iOS App ID', en: 'iOS app id' }, path: ['spec', 'identifiers', 'iosAppId'], type: 'code', width: 14, hint: { zh: `APP 填写 App Store 中的 id，如 id1519950468。${CODE_HINT.zh}`, en: `for apps, the App Store id, e.g. id1519950468; ${CODE_HINT.en}` } },
    { key: 'storeLinks', header: { zh: '应用商店链接', en: 'Store links' }, path: ['spec', 'identifiers', 'storeLinks'], type: 'list', width: 28, hint: { zh: '多个链接用换行分隔', en: 'one link per line' } },
    { key: 'miniprogramHost', header: { zh: '小程序平台', en: 'Mini-program host' }, path: ['spec', 'identifiers', 'miniprogram', 'host'], type: 'choice', choices: MINIPROGRAM_HOST_CHOICES, width: 10, hint: { zh: '小程序填写：微信、支付宝、百度、抖音、其他', en: 'for mini-programs: WeChat, Alipay, Baidu, Douyin, other' }, example: '微信' },
    { key: 'miniprogramAppid', header: { zh: '小程序 AppID', en: 'Mini-program appid' }, path: ['spec', 'identifiers', 'miniprogram', 'appid'], type: 'code', width: 20, hint: { zh: `微信为 wx 加 16 位字符，支付宝为 16 位数字。${CODE_HINT.zh}`, en: `WeChat: wx + 16 characters; Alipay: 16 digits; ${CODE_HINT.en}` }, example: 'wx0123456789abcdef' },
    { key: 'h5Url', header: { zh: 'H5 地址', en: 'H5 URL' }, path: ['spec', 'identifiers', 'h5Url'], type: 'url', width: 28, hint: { zh: 'H5 填写完整地址，如 https://rsj.baoding.gov.cn/m/', en: 'for H5, the full address' } },
    { key: 'oaPlatform', header: { zh: '公众号平台', en: 'Account platform' }, path: ['spec', 'identifiers', 'officialAccount', 'platform'], type: 'choice', choices: OFFICIAL_ACCOUNT_PLATFORM_CHOICES, width: 10, hint: { zh: '公众号填写：微信、支付宝、微博、其他', en: 'for official accounts' } },
    { key: 'oaName', header: { zh: '公众号名称', en: 'Account name' }, path: ['spec', 'identifiers', 'officialAccount', 'name'], type: 'text', width: 16, hint: { zh: '公众号填写', en: 'for official accounts' } },
    { key: 'oaAccountId', header: { zh: '公众号原始 ID', en: 'Account id' }, path: ['spec', 'identifiers', 'officialAccount', 'accountId'], type: 'code', width: 18, hint: { zh: '原始 ID（gh_ 开头）或微信号', en: 'original id (gh_…) or account name' } },
    { key: 'vendor', header: { zh: '开发运维厂商', en: 'Vendor' }, path: ['spec', 'vendor'], type: 'text', width: 22, hint: { zh: '承建或运维单位全称', en: 'developer or operator' }, example: '示例软件有限公司' },
    { key: 'launchDate', header: { zh: '上线日期', en: 'Launch date' }, path: ['spec', 'launchDate'], type: 'date', width: 12, hint: { zh: '如 2020-03-02', en: 'e.g. 2020-03-02' }, example: '2020-03-02' },
    { key: 'registered', header: { zh: '注册用户数', en: 'Registered users' }, path: ['spec', 'users', 'registered'], type: 'integer', width: 12, hint: { zh: '填写整数', en: 'a whole number' }, example: 12000 },
    { key: 'monthlyActive', header: { zh: '月活跃用户数', en: 'Monthly active users' }, path: ['spec', 'users', 'monthlyActive'], type: 'integer', width: 12, hint: { zh: '填写整数', en: 'a whole number' }, example: 3000 },
    { key: 'personalData', header: { zh: '是否处理个人信息', en: 'Personal data' }, path: ['spec', 'personalData'], type: 'choice', choices: YES_NO_CHOICES, width: 10, hint: { zh: '是 / 否', en: 'yes / no' }, example: '是' },
    { key: 'mlpsLevel', header: { zh: '等保级别', en: 'MLPS level' }, path: ['spec', 'mlpsLevel'], type: 'choice', choices: MLPS_CHOICES, width: 10, hint: { zh: '网络安全等级保护级别；处理个人信息的渠道必填', en: 'MLPS grade; required when personal data is handled' }, example: '三级' },
    { key: 'filingNumber', header: { zh: '备案编号', en: 'Filing number' }, path: ['spec', 'filingNumber'], type: 'code', width: 24, hint: { zh: 'APP/小程序备案编号', en: 'app / mini-program filing number' }, example: '冀ICP备2021000000号-1A' },
    { key: 'services', header: { zh: '提供的服务', en: 'Services' }, path: ['spec', 'services'], type: 'services', width: 36, hint: { zh: '每行一项：服务名称|高频事项编码|实施编码，编码可省略，如 社会保障卡申领|HB-SB-001', en: 'one per line: name|item code|implementation code (codes optional)' }, example: '社会保障卡申领|HB-SB-001' },
    { key: 'interfaces', header: { zh: '使用的接口编号', en: 'Interfaces' }, path: ['spec', 'interfaces'], type: 'list', width: 20, hint: { zh: '“接口”表中的接口编号，多个用换行或逗号分隔', en: 'ids from the interface sheet, separated by line breaks or commas' } },
    { key: 'decision', header: { zh: '处置方式', en: 'Decision' }, path: ['spec', 'decision'], type: 'choice', choices: DECISION_CHOICES, width: 10, hint: { zh: '接入、重建、下线、合并', en: 'connect, rebuild, retire, merge' }, example: '接入' },
    { key: 'mergeInto', header: { zh: '合并到渠道编号', en: 'Merge into' }, path: ['spec', 'mergeInto'], type: 'id', width: 18, hint: { zh: '处置方式为“合并”时填写目标渠道编号', en: 'target channel id when the decision is merge' } },
    { key: 'accessMode', header: { zh: '接入方式', en: 'Access mode' }, path: ['spec', 'accessMode'], type: 'choice', choices: ACCESS_MODE_CHOICES, width: 16, hint: { zh: '部门自行开发对接 / 省级代为开发（无开发能力，提交需求和数据接口）/ 市级平台承载（无业务系统）', en: 'self / province develops / city platform hosts' }, example: '部门自行开发对接' },
    { key: 'repository', header: { zh: '源码仓库', en: 'Source repository' }, path: ['spec', 'source', 'repository'], type: 'url', width: 24, hint: { zh: '源码仓库地址（可选，供源码扫描）', en: 'source repository (optional)' } },
    { key: 'description', header: { zh: '备注', en: 'Notes' }, path: ['metadata', 'description'], type: 'text', width: 30, hint: { zh: '其他需要说明的情况', en: 'anything else' } },
  ],
}

export const INTERFACE_SHEET: SheetDef = {
  kind: 'Interface',
  name: { zh: '接口', en: 'Interfaces' },
  aliases: ['接口信息', '业务接口', 'interfaces'],
  columns: [
    OWNER_COLUMN,
    { key: 'id', header: { zh: '接口编号', en: 'Id' }, path: ['metadata', 'id'], type: 'id', width: 20, hint: { zh: '已登记的接口请勿修改；新接口可留空，导入时自动生成', en: 'keep it for registered interfaces; leave empty for a new one' }, example: 'bd-rsj-example-api' },
    { key: 'name', header: { zh: '接口名称', en: 'Name' }, path: ['metadata', 'name'], type: 'text', required: true, width: 22, hint: { zh: '如 社会保障卡服务接口', en: 'e.g. social security card API' }, example: '示例业务接口' },
    { key: 'system', header: { zh: '业务系统', en: 'System' }, path: ['spec', 'system'], type: 'text', required: true, width: 24, hint: { zh: '接口所属业务系统名称', en: 'the business system' }, example: '示例业务系统' },
    { key: 'protocol', header: { zh: '协议', en: 'Protocol' }, path: ['spec', 'protocol'], type: 'choice', choices: PROTOCOL_CHOICES, required: true, width: 12, hint: { zh: 'REST/JSON、SOAP/XML、网页表单、其他', en: 'REST/JSON, SOAP/XML, HTML form, other' }, example: 'REST/JSON' },
    { key: 'endpoint', header: { zh: '接口地址', en: 'Endpoint' }, path: ['spec', 'endpoint'], type: 'url', required: true, width: 32, hint: { zh: '完整地址，如 https://api.example.gov.cn/v1', en: 'full address' }, example: 'https://api.example.invalid/v1' },
    { key: 'encoding', header: { zh: '字符编码', en: 'Encoding' }, path: ['spec', 'encoding'], type: 'choice', choices: ENCODING_CHOICES, width: 10, hint: { zh: 'UTF-8、GBK、GB18030', en: 'UTF-8, GBK, GB18030' }, example: 'UTF-8' },
    { key: 'authType', header: { zh: '认证方式', en: 'Auth' }, path: ['spec', 'auth', 'type'], type: 'choice', choices: AUTH_CHOICES, width: 12, hint: { zh: '从下拉列表中选择', en: 'pick from the list' }, example: '令牌' },
    { key: 'authNote', header: { zh: '认证说明', en: 'Auth notes' }, path: ['spec', 'auth', 'note'], type: 'text', width: 24, hint: { zh: '不要填写密码或密钥本身', en: 'never write the password or key itself' } },
    { key: 'description', header: { zh: '备注', en: 'Notes' }, path: ['metadata', 'description'], type: 'text', width: 30, hint: { zh: '其他需要说明的情况', en: 'anything else' } },
  ],
}

/** Sheets in workbook order. */
export const SHEETS: readonly SheetDef[] = [ORGANIZATION_SHEET, CHANNEL_SHEET, INTERFACE_SHEET]

/** Sheets the tool writes for itself; import skips them without a word. */
export const INSTRUCTIONS_SHEET: Localized = { zh: '填表说明', en: 'Instructions' }
export const LISTS_SHEET = '_yingjie_lists'
export const SUMMARY_SHEET: Localized = { zh: '问题汇总', en: 'Problems' }

/** The marker in the first cell of the example row; import skips such rows. */
export const EXAMPLE_MARK = '示例'

/** Compare texts the way a person reading a cell would: NFKC, no spaces, lower case. */
export function looseKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s*＊]/g, '').toLowerCase()
}

const choiceIndex = new WeakMap<readonly Choice[], Map<string, Choice>>()

/** The code a cell's text stands for, by label, code or alias; undefined when none matches. */
export function choiceFor(list: readonly Choice[], text: string): Choice | undefined {
  let index = choiceIndex.get(list)
  if (!index) {
    index = new Map()
    for (const c of list) {
      for (const name of [String(c.code), c.label.zh, c.label.en, ...(c.aliases ?? [])]) if (!index.has(looseKey(name))) index.set(looseKey(name), c)
    }
    choiceIndex.set(list, index)
  }
  return index.get(looseKey(text))
}

export function labelFor(list: readonly Choice[], code: unknown, lang: 'zh' | 'en' = 'zh'): string | undefined {
  return list.find((c) => c.code === code)?.label[lang]
}
