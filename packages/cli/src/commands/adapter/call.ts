import { YjError } from '@yingjie/model'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'
import { json } from '../../_output'

export async function run(ctx: CommandContext): Promise<number> {
  const zh = ctx.lang === 'zh'
  if (ctx.args.length !== 1) throw new UsageError('请给出一个操作 id，如 yingjie adapter call queryInsured --user zhangsan', 'give one operation id, e.g. yingjie adapter call queryInsured --user zhangsan')
  const adapter = (ctx.options.url as string | undefined) ?? ctx.env.YINGJIE_ADAPTER_URL
  if (!adapter) throw new UsageError('请用 --url 给出适配器地址', 'give the adapter with --url')
  const platform = ((ctx.options.platform as string | undefined) ?? ctx.env.YINGJIE_PLATFORM_URL ?? 'http://127.0.0.1:7001').replace(/\/$/, '')
  let input: unknown = {}
  if (typeof ctx.options.input === 'string') {
    try {
      input = JSON.parse(ctx.options.input)
    } catch {
      throw new UsageError(`--input 不是有效的 JSON：${ctx.options.input}`, `--input is not valid JSON: ${ctx.options.input}`)
    }
  }
  let res
  try {
    res = await fetch(`${platform}/mock/gateway`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ adapter, operation: ctx.args[0], input, ...(typeof ctx.options.user === 'string' ? { user: ctx.options.user } : {}) }),
    })
  } catch (error) {
    throw new YjError({
      code: 'YJ_MOCK_PLATFORM_UNREACHABLE',
      message: { zh: `连不上模拟平台 ${platform}：${(error as Error).message}`, en: `cannot reach the mock platform at ${platform}: ${(error as Error).message}` },
      hint: { zh: '先运行 yingjie platform mock，或用 --platform 指定地址', en: 'start it with yingjie platform mock, or give --platform' },
    })
  }
  const body = (await res.json()) as { status?: number; envelope?: unknown; error?: string }
  if (res.status !== 200) {
    throw new YjError({
      code: 'YJ_GATEWAY_CALL_FAILED',
      message: { zh: `模拟网关未能调用适配器：${body.error ?? res.status}`, en: `the mock gateway could not call the adapter: ${body.error ?? res.status}` },
      hint: { zh: '检查 --url、--user 和适配器是否在运行', en: 'check --url, --user and that the adapter is running' },
    })
  }
  const ok = body.status === 200
  if (ctx.options.format === 'json') {
    ctx.stdout.write(json({ status: body.status, envelope: body.envelope }))
  } else {
    ctx.stderr.write(`HTTP ${body.status}${zh ? (ok ? ' 成功' : ' 失败') : ok ? ' ok' : ' failed'}\n`)
    ctx.stdout.write(json(body.envelope))
    // Hebei's body is JSON inside a string: show it decoded as well.
    const env = body.envelope as Record<string, unknown> | undefined
    for (const value of Object.values(env ?? {})) {
      if (typeof value === 'string' && /^[[{]/.test(value)) {
        try {
          ctx.stdout.write(`${zh ? '数据' : 'data'}: ${JSON.stringify(JSON.parse(value), null, 2)}\n`)
        } catch {
          // Not JSON after all: already printed as is.
        }
      }
    }
  }
  return ok ? 0 : 1
}
