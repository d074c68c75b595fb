import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PROFILES_DIR } from '@yingjie/spec'
import { describe, expect, it } from 'vitest'
import { runMain, tempDir } from '../../../../../test/utils/index'

describe('yingjie spec list', () => {
  it('lists the shipped profiles with the default marked, in Chinese', async () => {
    const r = await runMain(['spec', 'list'])
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n')[0]).toMatch(/^id\s+名称\s+省份\s+签名算法\s+身份认证\s+API 数$/)
    expect(r.stdout).toMatch(/hebei-jishiban \*\s+冀时办\s+河北省\s+hmac-sha256\s+access-link\s+\d+/)
    expect(r.stdout).toMatch(/zhejiang-zlb\s+浙里办\s+浙江省/)
    expect(r.stdout).toMatch(/guangdong-tif\s+粤省事\s+广东省\s+sha256/)
    expect(r.stdout).toContain('* 默认配置')
  })

  it('speaks English and prints JSON data on request', async () => {
    expect((await runMain(['spec', 'list', '--lang', 'en'])).stdout).toMatch(/hebei-jishiban \*\s+Jishiban \(Hebei\)/)
    const r = await runMain(['spec', 'list', '--format', 'json'])
    const list = JSON.parse(r.stdout) as { id: string; default: boolean; file: string }[]
    expect(list.map((p) => p.id)).toEqual(['hebei-jishiban', 'guangdong-tif', 'zhejiang-zlb'])
    expect(list[0]).toMatchObject({ default: true, file: 'packages/spec/profiles/hebei-jishiban.yaml' })
  })
})

describe('yingjie spec show', () => {
  it('describes a profile: signing, identity, envelope, errors, masking, review, capabilities, assumptions', async () => {
    const r = await runMain(['spec', 'show', 'zhejiang-zlb'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('浙里办（zhejiang-zlb）')
    expect(r.stdout).toContain('X-BG-HMAC-SIGNATURE')
    expect(r.stdout).toContain('签名串：method \\n path \\n query \\n accessKey \\n timestamp \\n（查询串：sorted-encoded）')
    expect(r.stdout).toContain('1. accessToken  POST /uc/sso/access_token → 令牌（zlb，签名）')
    expect(r.stdout).toContain('C-USER-SSO-TICKET-INVALID')
    expect(r.stdout).toContain('手机号：保留前 3 位、后 4 位')
    expect(r.stdout).toContain('[自动] certificate-validity  证书有效期')
    expect(r.stdout).toMatch(/能力映射（\d+ 个 API，基于 h5-container）/)
    expect(r.stdout).toContain('假定（须与省级平台核实）')
  })

  it('marks Hebei signing as assumed, in English too', async () => {
    const r = await runMain(['spec', 'show', 'hebei-jishiban', '--lang', 'en'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Jishiban (Hebei) (hebei-jishiban, default)')
    expect(r.stdout).toContain("[signing] Jishiban's gateway-to-department signature is not public.")
  })

  it('prints the whole loaded profile as JSON, capability map included', async () => {
    const r = await runMain(['spec', 'show', 'guangdong-tif', '--format', 'json'])
    expect(r.code).toBe(0)
    const profile = JSON.parse(r.stdout) as { id: string; file: string; signing: { headers: Record<string, string> }; capabilities: { api: string }[] }
    expect(profile.id).toBe('guangdong-tif')
    expect(profile.file).toBe('packages/spec/profiles/guangdong-tif.yaml')
    expect(profile.signing.headers.signature).toBe('x-tif-signature')
    expect(profile.capabilities.length).toBeGreaterThanOrEqual(80)
  })

  it('shows a city file by path and suggests the id for a typo', async () => {
    const dir = await tempDir({ 'jsb.yaml': await readFile(join(PROFILES_DIR, 'hebei-jishiban.yaml'), 'utf8') })
    try {
      expect(await runMain(['spec', 'show', 'jsb.yaml'], { cwd: dir.path })).toMatchObject({ code: 0, stdout: expect.stringContaining('文件：jsb.yaml') })
    } finally {
      await dir.cleanup()
    }
    const typo = await runMain(['spec', 'show', 'zhejiang-zbl'])
    expect(typo.code).toBe(1)
    expect(typo.stderr).toContain('错误 YJ_SPEC_PROFILE_UNKNOWN 没有名为 “zhejiang-zbl” 的接入规范配置')
    expect(typo.stderr).toContain('是否应为 “zhejiang-zlb”？')
    expect(await runMain(['spec', 'show'])).toMatchObject({ code: 2 })
  })
})

describe('yingjie spec check', () => {
  it('passes a shipped profile and exits 0', async () => {
    const r = await runMain(['spec', 'check', 'packages/spec/profiles/hebei-jishiban.yaml'])
    expect(r).toMatchObject({ code: 0, stdout: '已检查 1 个接入规范配置文件：错误 0 个，警告 0 个\n' })
  })

  it('a city edits its profile with a typo and an unknown hook → located errors, exit 1', async () => {
    const original = await readFile(join(PROFILES_DIR, 'hebei-jishiban.yaml'), 'utf8')
    const edited = original.replace('      skewSeconds: 100', '      skewSecond: 100')
    const lines = edited.split('\n')
    const typoLine = lines.findIndex((l) => l.includes('skewSecond: 100')) + 1
    const dir = await tempDir({ 'baoding-jishiban.yaml': edited })
    try {
      const r = await runMain(['spec', 'check', 'baoding-jishiban.yaml'], { cwd: dir.path })
      expect(r.code).toBe(1)
      expect(r.stdout).toContain(`baoding-jishiban.yaml:${typoLine}:7  错误  YJ_FIELD_UNKNOWN  未知字段 “skewSecond”`)
      expect(r.stdout).toContain('处理：是否应为 “skewSeconds”？')
      expect(r.stdout).toContain(`baoding-jishiban.yaml:${typoLine - 1}:7  错误  YJ_FIELD_REQUIRED`)
      expect(r.stdout).toContain('错误 2 个，警告 0 个')

      const en = await runMain(['spec', 'check', 'baoding-jishiban.yaml', '--format', 'json', '--lang', 'en'], { cwd: dir.path })
      expect(en.code).toBe(1)
      const report = JSON.parse(en.stdout) as { ok: boolean; errors: number; findings: { code: string; file: string; line: number; column: number; hint: string }[] }
      expect(report).toMatchObject({ ok: false, errors: 2 })
      expect(report.findings).toContainEqual(
        expect.objectContaining({ code: 'YJ_FIELD_UNKNOWN', file: 'baoding-jishiban.yaml', line: typoLine, column: 7, hint: 'did you mean "skewSeconds"?' }),
      )
    } finally {
      await dir.cleanup()
    }
  })

  it('reports a missing file as a finding, and needs a file argument', async () => {
    const r = await runMain(['spec', 'check', 'nope.yaml'])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('YJ_FILE_UNREADABLE')
    expect(await runMain(['spec', 'check'])).toMatchObject({ code: 2, stderr: expect.stringContaining('请给出要检查的配置文件路径') })
  })
})
