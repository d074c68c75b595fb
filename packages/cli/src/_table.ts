/**
 * Every command and option of `yingjie`, as data. Help text, argument
 * parsing and lazy loading are all derived from this table; command modules
 * are imported only when their command runs, so `yingjie --version` stays
 * as cheap as starting Node.
 */
import type { Localized } from '@yingjie/model'

export type OptionType = 'boolean' | 'string' | 'string[]'

export interface OptionSpec {
  name: string
  short?: string
  type: OptionType
  /** Placeholder shown in help, e.g. DIR. */
  value?: string
  description: Localized
  default?: string | boolean
  /** Allowed values for string options. */
  choices?: readonly string[]
}

export interface CommandSpec {
  /** Words after `yingjie`, e.g. ['inventory', 'check']. */
  path: readonly string[]
  summary: Localized
  /** Positional arguments as shown in help, e.g. '[dir]'. */
  usage?: string
  options?: readonly OptionSpec[]
  /** Module under ./commands that exports `run(ctx)`. Loaded lazily. */
  load: () => Promise<{ run: (ctx: import('./_context').CommandContext) => Promise<number> }>
}

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'lang', type: 'string', value: 'zh|en', choices: ['zh', 'en'], default: 'zh', description: { zh: '界面语言', en: 'language of messages' } },
  { name: 'help', short: 'h', type: 'boolean', description: { zh: '显示帮助', en: 'show help' } },
  { name: 'version', short: 'v', type: 'boolean', description: { zh: '显示版本号', en: 'show the version' } },
]

const FORMAT: OptionSpec = {
  name: 'format',
  type: 'string',
  value: 'text|json',
  choices: ['text', 'json'],
  default: 'text',
  description: { zh: '输出格式', en: 'output format' },
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    path: ['inventory', 'check'],
    usage: '[dir]',
    summary: { zh: '检查清单文件：格式、编码、引用、重复和合规提示', en: 'check inventory files: format, codes, references, duplicates, compliance warnings' },
    options: [
      FORMAT,
      { name: 'strict', type: 'boolean', description: { zh: '有警告时也以 1 退出', en: 'exit 1 on warnings too' } },
    ],
    load: () => import('./commands/inventory/check'),
  },
  {
    path: ['inventory', 'report'],
    usage: '[dir]',
    summary: { zh: '生成清单汇总报告（Markdown 或 JSON）', en: 'summarise the inventory (Markdown or JSON)' },
    options: [
      { ...FORMAT, value: 'markdown|json', choices: ['markdown', 'json'], default: 'markdown' },
      { name: 'out', short: 'o', type: 'string', value: 'FILE', description: { zh: '写入文件（原子写入）；省略则输出到终端', en: 'write to FILE (atomically) instead of stdout' } },
    ],
    load: () => import('./commands/inventory/report'),
  },
  {
    path: ['inventory', 'survey'],
    usage: '[dir]',
    summary: { zh: '生成摸查表（Excel）：填表说明、下拉选项、已登记内容预填', en: 'write the survey workbook (Excel): instructions, drop-downs, known rows pre-filled' },
    options: [
      { name: 'org', type: 'string', value: 'ID', description: { zh: '只生成该单位的摸查表；省略则生成包含全部单位的一份', en: 'one organization only; without it, one workbook for all' } },
      { name: 'out', short: 'o', type: 'string', value: 'FILE.xlsx', description: { zh: '写入的工作簿（必填）', en: 'workbook to write (required)' } },
    ],
    load: () => import('./commands/inventory/survey'),
  },
  {
    path: ['inventory', 'import'],
    usage: 'FILE.xlsx…',
    summary: { zh: '导入各单位填好的摸查表（.xlsx/.csv），按清单检查规则校验后更新 YAML', en: 'import filled survey workbooks (.xlsx/.csv), checked by the inventory rules, into the YAML' },
    options: [
      { name: 'into', type: 'string', value: 'DIR', default: '.', description: { zh: '清单目录', en: 'inventory folder' } },
      FORMAT,
      { name: 'dry-run', type: 'boolean', description: { zh: '只检查并列出变化，不写任何文件', en: 'check and list changes; write nothing' } },
    ],
    load: () => import('./commands/inventory/import'),
  },
  {
    path: ['inventory', 'export'],
    usage: '[dir]',
    summary: { zh: '导出报省的接入清单（Excel），列的版式由 YAML 文件决定', en: 'export the access list for the province (Excel); the column layout is a YAML file' },
    options: [
      { name: 'format', type: 'string', value: 'xlsx', choices: ['xlsx'], default: 'xlsx', description: { zh: '输出格式', en: 'output format' } },
      { name: 'out', short: 'o', type: 'string', value: 'FILE.xlsx', description: { zh: '写入的工作簿（必填）', en: 'workbook to write (required)' } },
      { name: 'layout', type: 'string', value: 'FILE.yaml', description: { zh: '版式文件；默认为河北省格式（packages/inventory/layouts/hebei.yaml）', en: 'layout file; default: the Hebei layout shipped with the tool' } },
    ],
    load: () => import('./commands/inventory/export'),
  },
  {
    path: ['demo'],
    summary: { zh: '在自带的保定示例数据上运行检查和报告', en: 'run check and report on the bundled Baoding sample' },
    options: [
      { name: 'out', short: 'o', type: 'string', value: 'DIR', default: './yingjie-out', description: { zh: '输出目录', en: 'output folder' } },
    ],
    load: () => import('./commands/demo/index'),
  },
  {
    path: ['spec', 'list'],
    summary: { zh: '列出随工具发布的省级平台接入规范配置', en: 'list the shipped provincial access-spec profiles' },
    options: [FORMAT],
    load: () => import('./commands/spec/list'),
  },
  {
    path: ['spec', 'show'],
    usage: '<id|file>',
    summary: {
      zh: '显示接入规范配置：签名、身份认证、信封、错误码、脱敏、审核项、能力映射',
      en: 'show a profile: signing, identity, envelopes, error codes, masking, review, capability map',
    },
    options: [FORMAT],
    load: () => import('./commands/spec/show'),
  },
  {
    path: ['spec', 'check'],
    usage: '<file...>',
    summary: { zh: '检查修改过的接入规范配置文件，错误精确到行列', en: 'check edited profile files; every error names line and column' },
    options: [FORMAT],
    load: () => import('./commands/spec/check'),
  },
  {
    path: ['cutover', 'plan'],
    usage: '[dir]',
    summary: { zh: '迁移进度测算：各渠道阶段、逾期、预计完成、风险，按单位/批次汇总，燃尽数据', en: 'cutover status: stage, lateness, forecast and risk per channel; roll-ups per organization and wave; burndown' },
    options: [
      FORMAT,
      { name: 'as-of', type: 'string', value: 'DATE', description: { zh: '测算基准日（默认今天）', en: 'plan as of DATE (default today)' } },
      { name: 'stuck-days', type: 'string', value: 'N', default: '60', description: { zh: '在同一阶段停留超过 N 天视为停滞', en: 'days in one stage after which a channel counts as stuck' } },
      { name: 'source-report', type: 'string[]', value: '[ID=]FILE', description: { zh: '源码扫描报告（JSON），其中的迁移阻碍计入风险；可重复', en: 'source-scan report (JSON) whose blockers add risk; repeatable' } },
      { name: 'conformance', type: 'string[]', value: '[ID=]FILE', description: { zh: '一致性测试结果（JSON 或 JUnit XML），未通过计入风险；可重复', en: 'conformance results (JSON or JUnit XML); failures add risk; repeatable' } },
      { name: 'check', type: 'boolean', description: { zh: '先做完整的清单检查（引用、编码等），有错误则不测算；不加时只要求文件可读、符合格式', en: 'run the full inventory check first and stop on errors; without it, files need only parse and match the schema' } },
    ],
    load: () => import('./commands/cutover/plan'),
  },
  {
    path: ['cutover', 'advance'],
    usage: '<id> <stage> [dir]',
    summary: { zh: '推进渠道阶段：校验阶段规则后，在原文件中追加一条进度事件（保留注释和格式）', en: "append a stage event to a channel's Migration in place, checked against the stage rules" },
    options: [
      FORMAT,
      { name: 'date', type: 'string', value: 'DATE', description: { zh: '事件日期（默认今天）', en: 'event date (default today)' } },
      { name: 'by', type: 'string', value: 'WHO', description: { zh: '操作人', en: 'who did it' } },
      { name: 'note', type: 'string', value: 'TEXT', description: { zh: '说明', en: 'note' } },
      { name: 'reason', type: 'string', value: 'TEXT', description: { zh: '回退原因（阶段回退时必填）', en: 'why (required when moving back)' } },
      { name: 'evidence', type: 'string[]', value: 'URL|FILE', description: { zh: '证明材料网址或文件；可重复', en: 'evidence URL or file; repeatable' } },
    ],
    load: () => import('./commands/cutover/advance'),
  },
  {
    path: ['cutover', 'verify'],
    usage: '[dir]',
    summary: { zh: '核验原渠道关停：探测已发公告及之后的 H5 是否跳转省级平台或显示停服公告，留存证据', en: 'verify old channels are off: probe H5 at notice stage or later for a redirect or notice; keep evidence' },
    options: [
      FORMAT,
      { name: 'record', type: 'boolean', description: { zh: '核验通过的渠道记录“原渠道已关停 → 关停已核验”', en: 'advance shutdown → verified where the evidence passes' } },
      { name: 'as-of', type: 'string', value: 'DATE', description: { zh: '测算基准日（默认今天）', en: 'as of DATE (default today)' } },
      { name: 'date', type: 'string', value: 'DATE', description: { zh: '记录的事件日期（默认为测算基准日）', en: 'date of recorded events (default the as-of date)' } },
      { name: 'by', type: 'string', value: 'WHO', description: { zh: '记录的操作人', en: 'who records' } },
      { name: 'evidence-dir', type: 'string', value: 'DIR', description: { zh: '证据文件目录（默认 清单目录/evidence）', en: 'evidence folder (default <dir>/evidence)' } },
      { name: 'resolve', type: 'string[]', value: 'HOST=IP:PORT', description: { zh: '把主机名（可带 :端口）固定指向地址（不查 DNS；用于模拟站点和政务外网）；可重复', en: 'pin HOST (optionally HOST:PORT) to an address (no DNS; for simulated sites and the government extranet); repeatable' } },
      { name: 'ca', type: 'string[]', value: 'FILE', description: { zh: '额外信任的 CA 证书（PEM）；可重复', en: 'extra trusted CA certificate (PEM); repeatable' } },
      { name: 'platform-domain', type: 'string[]', value: 'DOMAIN', description: { zh: '额外的省级平台域名；可重复', en: 'extra platform domain; repeatable' } },
      { name: 'check', type: 'boolean', description: { zh: '先做完整的清单检查，有错误则停止', en: 'run the full inventory check first; stop on errors' } },
    ],
    load: () => import('./commands/cutover/verify'),
  },
  {
    path: ['cutover', 'report'],
    usage: '[dir]',
    summary: { zh: '生成进度通报（Markdown，含甘特图）、进度台账（XLSX）和离线看板（HTML）', en: 'write the progress bulletin (Markdown with a Gantt), the XLSX register and the offline HTML dashboard' },
    options: [
      { name: 'out', short: 'o', type: 'string', value: 'DIR', default: 'yingjie-out/cutover', description: { zh: '输出目录', en: 'output folder' } },
      { name: 'as-of', type: 'string', value: 'DATE', description: { zh: '测算基准日（默认今天）', en: 'as of DATE (default today)' } },
      { name: 'stuck-days', type: 'string', value: 'N', default: '60', description: { zh: '在同一阶段停留超过 N 天视为停滞', en: 'days in one stage after which a channel counts as stuck' } },
      { name: 'source-report', type: 'string[]', value: '[ID=]FILE', description: { zh: '源码扫描报告（JSON）；可重复', en: 'source-scan report (JSON); repeatable' } },
      { name: 'conformance', type: 'string[]', value: '[ID=]FILE', description: { zh: '一致性测试结果（JSON 或 JUnit XML）；可重复', en: 'conformance results (JSON or JUnit XML); repeatable' } },
      { name: 'check', type: 'boolean', description: { zh: '先做完整的清单检查，有错误则停止', en: 'run the full inventory check first; stop on errors' } },
    ],
    load: () => import('./commands/cutover/report'),
  },
  {
    path: ['inventory', 'scan', 'source'],
    usage: '<path...>',
    summary: {
      zh: '扫描小程序或 H5 源码：用到的平台能力及其在省级平台的状态、后端接口、阻碍项和工作量估算',
      en: 'scan mini-program or H5 source: platform capabilities and their status, back-end endpoints, blockers, effort',
    },
    options: [
      FORMAT,
      { name: 'out', short: 'o', type: 'string', value: 'DIR', description: { zh: '写入 Markdown、HTML、JSON 报告和建议的接口条目（interfaces.yaml）', en: 'write Markdown, HTML and JSON reports and suggested Interface entities (interfaces.yaml)' } },
      { name: 'profile', type: 'string', value: 'ID|FILE', description: { zh: '接入规范配置（默认 hebei-jishiban）', en: 'access-spec profile (default hebei-jishiban)' } },
      { name: 'owner', type: 'string', value: 'ORG', description: { zh: '建议的接口条目所属单位（Organization 的 id）', en: 'owning Organization id for the suggested Interface entities' } },
    ],
    load: () => import('./commands/inventory/scan-source'),
  },
  {
    path: ['inventory', 'scan', 'web'],
    usage: '[dir]',
    summary: {
      zh: '探测已登记的 H5 地址（是否可用、是否已跳转省级平台或发布停服公告），抓取各单位网站发现未登记的渠道',
      en: 'probe declared H5 URLs (alive, redirected to the platform, notice page) and crawl websites for undeclared channels',
    },
    options: [
      FORMAT,
      { name: 'out', short: 'o', type: 'string', value: 'FILE', description: { zh: '把结果（JSON）原子写入文件；中断时写入已完成的部分', en: 'write the results (JSON) atomically; on Ctrl-C, what finished' } },
      { name: 'org', type: 'string[]', value: 'ID', description: { zh: '只扫描这些单位（Organization 的 id）；可重复', en: 'scan only these organizations (Organization ids); repeatable' } },
      { name: 'discover', type: 'boolean', default: true, description: { zh: '抓取单位网站发现渠道（--no-discover 只探测已登记的 H5）', en: 'crawl websites for channels (--no-discover only probes declared H5 URLs)' } },
      { name: 'robots', type: 'boolean', default: true, description: { zh: '遵守 robots.txt（--no-robots 忽略，仅限有权巡查的网站）', en: 'honour robots.txt (--no-robots ignores it; only for sites you may inspect)' } },
      { name: 'resolve', type: 'string[]', value: 'HOST=IP:PORT', description: { zh: '把主机名（可带 :端口）固定指向地址（不查 DNS；用于模拟站点和政务外网）；可重复', en: 'pin HOST (optionally HOST:PORT) to an address (no DNS; for simulated sites and the government extranet); repeatable' } },
      { name: 'allow-private', type: 'string[]', value: 'HOST', description: { zh: '允许解析到内网地址的主机（政务外网）；可重复', en: 'host allowed to resolve to a private address (government extranet); repeatable' } },
      { name: 'ca', type: 'string[]', value: 'FILE', description: { zh: '额外信任的 CA 证书（PEM）；可重复', en: 'extra trusted CA certificate (PEM); repeatable' } },
      { name: 'profile', type: 'string', value: 'ID|FILE', description: { zh: '接入规范配置（默认取 Region 的 platform）', en: "access-spec profile (default: the Region's platform)" } },
      { name: 'concurrency', type: 'string', value: 'N', default: '32', description: { zh: '同时进行的请求数', en: 'requests in flight' } },
      { name: 'per-host', type: 'string', value: 'N', default: '4', description: { zh: '对同一主机同时进行的请求数', en: 'requests in flight to one host' } },
      { name: 'rate', type: 'string', value: 'N', default: '8', description: { zh: '每秒向同一主机发起的请求数上限（0 为不限）', en: 'requests started per second to one host (0: no limit)' } },
      { name: 'depth', type: 'string', value: 'N', default: '3', description: { zh: '抓取的链接深度', en: 'link depth of the crawl' } },
      { name: 'max-pages', type: 'string', value: 'N', default: '200', description: { zh: '每个单位最多抓取的页面数', en: 'pages fetched per organization at most' } },
      { name: 'timeout', type: 'string', value: 'MS', default: '30000', description: { zh: '单个请求的总时限（毫秒），各阶段时限不超过它', en: 'time limit of one request in ms; no phase exceeds it' } },
      { name: 'retries', type: 'string', value: 'N', default: '2', description: { zh: '超时、连接失败、429/5xx 时的重试次数', en: 'retries after a timeout, a failed connection, 429 or 5xx' } },
    ],
    load: () => import('./commands/inventory/scan-web'),
  },
  {
    path: ['platform', 'mock'],
    summary: { zh: '启动模拟省级平台：发放测试身份、身份换取接口、模拟网关', en: 'start the mock provincial platform: test identities, identity endpoints, gateway' },
    options: [
      { name: 'profile', type: 'string', value: 'ID|FILE', default: 'hebei-jishiban', description: { zh: '接入规范配置', en: 'access-spec profile' } },
      { name: 'port', short: 'p', type: 'string', value: 'N', default: '7001', description: { zh: '端口（0 为任选空闲端口）', en: 'port (0 picks a free one)' } },
      { name: 'host', type: 'string', value: 'ADDR', default: '127.0.0.1', description: { zh: '监听地址', en: 'address to listen on' } },
      { name: 'users', type: 'string', value: 'FILE', description: { zh: '测试用户列表（YAML/JSON）；省略则用内置的虚构用户', en: 'test users (YAML/JSON); the built-in fictional users when omitted' } },
      FORMAT,
    ],
    load: () => import('./commands/platform/mock'),
  },
  {
    path: ['adapter', 'call'],
    usage: '<operation>',
    summary: { zh: '经模拟网关签名调用适配器的一个操作，打印应答信封', en: "call one adapter operation through the mock gateway (signed) and print the envelope" },
    options: [
      { name: 'url', type: 'string', value: 'URL', description: { zh: '适配器地址（或环境变量 YINGJIE_ADAPTER_URL）', en: 'adapter URL (or YINGJIE_ADAPTER_URL)' } },
      { name: 'user', short: 'u', type: 'string', value: 'ID', description: { zh: '以该测试用户的身份调用', en: 'call as this test user' } },
      { name: 'input', short: 'i', type: 'string', value: 'JSON', default: '{}', description: { zh: '请求体（JSON）', en: 'request body (JSON)' } },
      { name: 'platform', type: 'string', value: 'URL', default: 'http://127.0.0.1:7001', description: { zh: '模拟平台地址（或 YINGJIE_PLATFORM_URL）', en: 'mock platform URL (or YINGJIE_PLATFORM_URL)' } },
      FORMAT,
    ],
    load: () => import('./commands/adapter/call'),
  },
  {
    path: ['adapter', 'verify'],
    usage: '[dir]',
    summary: { zh: '一致性检查：证明适配器符合接入规范（给出目录则自动启动适配器并注入故障）', en: 'conformance kit: prove an adapter meets the profile (a folder is started with fault injection)' },
    options: [
      { name: 'url', type: 'string', value: 'URL', description: { zh: '检查运行中的适配器，而不是启动目录中的适配器', en: 'check a running adapter instead of starting a folder' } },
      { name: 'profile', type: 'string', value: 'ID|FILE', description: { zh: '接入规范配置（默认取适配器 OpenAPI 文档中声明的）', en: "profile (default: the one the adapter's OpenAPI document names)" } },
      { name: 'platform', type: 'string', value: 'URL', description: { zh: '适配器所用的模拟平台（用于取得测试身份）', en: 'the mock platform the adapter uses (for test identities)' } },
      { name: 'user', short: 'u', type: 'string', value: 'ID', description: { zh: '成功调用所用的测试用户', en: 'test user for successful calls' } },
      { name: 'junit', type: 'string', value: 'FILE', description: { zh: '另写一份 JUnit XML 报告', en: 'also write a JUnit XML report' } },
      FORMAT,
    ],
    load: () => import('./commands/adapter/verify'),
  },
  {
    path: ['adapter', 'new'],
    usage: '[dir]',
    summary: {
      zh: '从模板生成适配器（REST、SOAP、GBK 表单）：参数来自选项、应答文件、终端问答或清单中的接口',
      en: 'generate an adapter from a template (REST, SOAP, GBK forms): parameters from flags, an answers file, prompts or an inventory Interface',
    },
    options: [
      { name: 'template', short: 't', type: 'string', value: 'NAME', description: { zh: '模板名称：rest-json、soap-xml、html-form-gbk（yingjie adapter templates 列出全部）', en: 'template name: rest-json, soap-xml, html-form-gbk (yingjie adapter templates lists them)' } },
      { name: 'interface', type: 'string', value: 'ID', description: { zh: '从清单中的接口（Interface）生成：协议、地址、编码、操作和字段自动填写', en: 'start from an inventory Interface: protocol, endpoint, encoding, operations and fields pre-filled' } },
      { name: 'inventory', type: 'string', value: 'DIR', description: { zh: '清单目录（与 --interface 一起使用，默认当前目录）', en: 'inventory folder (with --interface; default .)' } },
      { name: 'set', type: 'string[]', value: 'NAME=VALUE', description: { zh: '设置一个模板参数；可重复', en: 'set a template parameter; repeatable' } },
      { name: 'answers', type: 'string', value: 'FILE', description: { zh: '应答文件（YAML 或 JSON）：参数名: 值', en: 'answers file (YAML or JSON): parameter: value' } },
      { name: 'templates', type: 'string', value: 'DIR', description: { zh: '模板目录（默认为随工具发布的 templates/）', en: 'templates folder (default: the bundled templates/)' } },
      { name: 'dry-run', type: 'boolean', description: { zh: '只列出将要生成的文件，不写入', en: 'list the files that would be written; write nothing' } },
      { name: 'force', type: 'boolean', description: { zh: '目标目录不为空时也写入（覆盖同名文件）', en: 'write into a folder that is not empty (overwrites files of the same name)' } },
      { name: 'yes', short: 'y', type: 'boolean', description: { zh: '不逐项询问，未给出的参数一律用默认值', en: 'do not prompt; defaults for everything not given' } },
      FORMAT,
    ],
    load: () => import('./commands/adapter/new'),
  },
  {
    path: ['adapter', 'update'],
    usage: '<dir>',
    summary: {
      zh: '用模板的新版本更新生成的适配器：未改动的文件直接替换，改动过的文件三方合并，保留你的修改',
      en: "update a generated adapter to the template's current version: untouched files replaced, edited ones merged three-way",
    },
    options: [
      { name: 'set', type: 'string[]', value: 'NAME=VALUE', description: { zh: '修改一个记住的参数；可重复', en: 'change a remembered parameter; repeatable' } },
      { name: 'answers', type: 'string', value: 'FILE', description: { zh: '应答文件（YAML 或 JSON），覆盖记住的参数', en: 'answers file (YAML or JSON) overriding the remembered answers' } },
      { name: 'templates', type: 'string', value: 'DIR', description: { zh: '模板目录（默认为生成时所用的）', en: 'templates folder (default: the one it was generated from)' } },
      { name: 'dry-run', type: 'boolean', description: { zh: '只列出每个文件将如何处理（create / update / merge / conflict / delete / keep），不写入', en: 'list what happens to each file (create / update / merge / conflict / delete / keep); write nothing' } },
      { name: 'yes', short: 'y', type: 'boolean', description: { zh: '不询问新增的参数，用默认值', en: 'do not prompt for new parameters' } },
      FORMAT,
    ],
    load: () => import('./commands/adapter/update'),
  },
  {
    path: ['adapter', 'templates'],
    summary: { zh: '列出适配器模板及其参数', en: 'list the adapter templates and their parameters' },
    options: [
      { name: 'templates', type: 'string', value: 'DIR', description: { zh: '模板目录（默认为随工具发布的 templates/）', en: 'templates folder (default: the bundled templates/)' } },
      FORMAT,
    ],
    load: () => import('./commands/adapter/templates'),
  },
]
