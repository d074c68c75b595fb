import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { startMockPlatform, type TestUser } from '@yingjie/connector'
import { parseYamlText, YjError } from '@yingjie/model'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'
import { displayPath, json, paint } from '../../_output'

async function readUsers(ctx: CommandContext, file: string): Promise<TestUser[]> {
  const path = resolve(ctx.cwd, file)
  const parsed = parseYamlText(await readFile(path, 'utf8'), path)
  const value = parsed.documents[0]?.value as unknown
  const list = Array.isArray(value) ? value : (value as { users?: unknown } | undefined)?.users
  if (!Array.isArray(list) || list.some((u) => !u || typeof u.id !== 'string' || typeof u.name !== 'string' || typeof u.idNumber !== 'string')) {
    throw new YjError({
      code: 'YJ_MOCK_USERS_INVALID',
      message: { zh: `${displayPath(ctx.cwd, path)} 不是测试用户列表`, en: `${displayPath(ctx.cwd, path)} is not a list of test users` },
      hint: { zh: '写成 users: [{ id, kind: person|legal-person, name, idNumber, phone, org }]', en: 'write users: [{ id, kind: person|legal-person, name, idNumber, phone, org }]' },
    })
  }
  return list.map((u: TestUser) => ({ ...u, kind: u.kind ?? 'person' }))
}

export async function run(ctx: CommandContext): Promise<number> {
  const port = Number(ctx.options.port ?? 7001)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port 应为 0–65535 的整数', '--port must be an integer 0-65535')
  const users = typeof ctx.options.users === 'string' ? await readUsers(ctx, ctx.options.users) : undefined
  const mock = await startMockPlatform({
    profile: (ctx.options.profile as string | undefined) ?? 'hebei-jishiban',
    port,
    host: (ctx.options.host as string | undefined) ?? '127.0.0.1',
    ...(users ? { users } : {}),
  })
  const env = mock.adapterEnv()
  if (ctx.options.format === 'json') {
    ctx.stdout.write(json({ url: mock.url, profile: mock.profile.id, users: mock.users.map((u) => ({ id: u.id, kind: u.kind, name: u.name })), adapterEnv: env }))
  } else {
    const zh = ctx.lang === 'zh'
    ctx.stdout.write(`${paint(ctx, 'bold', zh ? `模拟省级平台（${mock.profile.metadata.name}）已启动：${mock.url}` : `Mock platform (${mock.profile.id}) listening on ${mock.url}`)}\n`)
    ctx.stdout.write(`${zh ? '测试用户' : 'Test users'}: ${mock.users.map((u) => `${u.id}（${u.name}${u.org ? `，${u.org.name}` : ''}）`).join('、')}\n`)
    ctx.stdout.write(`${zh ? '适配器的环境变量（开发用密钥，不要用于生产）' : 'Environment for the adapter (development keys, never for production)'}:\n`)
    for (const [k, v] of Object.entries(env)) ctx.stdout.write(`  export ${k}=${v}\n`)
    ctx.stdout.write(
      zh
        ? `发放身份：POST ${mock.url}/mock/identities {"user":"zhangsan"}；调用适配器：yingjie adapter call <操作> --user zhangsan --url <适配器地址> --platform ${mock.url}\n按 Ctrl+C 停止。\n`
        : `Issue an identity: POST ${mock.url}/mock/identities {"user":"zhangsan"}; call an adapter: yingjie adapter call <operation> --user zhangsan --url <adapter URL> --platform ${mock.url}\nPress Ctrl+C to stop.\n`,
    )
  }
  await new Promise<void>((resolvePromise) => {
    process.once('SIGINT', resolvePromise)
    process.once('SIGTERM', resolvePromise)
  })
  await mock.close()
  return 0
}
