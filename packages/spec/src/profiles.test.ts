import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isYjError, type Finding } from '@yingjie/model'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkProfileFile, listProfiles, loadDefaultProfile, loadProfile, ProfileError, PROFILES_DIR } from './index'

const SHIPPED = ['guangdong-tif', 'hebei-jishiban', 'zhejiang-zlb']

let dir: string
let hebeiText: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yingjie-spec-'))
  hebeiText = await readFile(join(PROFILES_DIR, 'hebei-jishiban.yaml'), 'utf8')
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** 1-based line and column of the first occurrence of `needle` (column of its first character). */
function positionOf(text: string, needle: string, from = 0): { line: number; column: number } {
  const at = text.indexOf(needle, from)
  if (at < 0) throw new Error(`fixture lacks ${needle}`)
  const before = text.slice(0, at).split('\n')
  return { line: before.length, column: before[before.length - 1]!.length + 1 }
}

/** A city's copy of the Hebei profile with some lines changed, written to the temp folder. */
async function cityProfile(name: string, edits: [string, string][]): Promise<{ file: string; text: string }> {
  let text = hebeiText.replace('$schema=../schema/profile.schema.json', '$schema=../../packages/spec/schema/profile.schema.json')
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`fixture lacks ${from}`)
    text = text.replace(from, to)
  }
  const file = join(dir, name)
  await writeFile(file, text)
  return { file, text }
}

const brief = (f: Finding) => `${f.location?.line}:${f.location?.column} ${f.code}`

describe('shipped profiles', () => {
  it('lists hebei-jishiban (default), guangdong-tif and zhejiang-zlb', async () => {
    const list = await listProfiles()
    expect(list.map((p) => p.id)).toEqual(['hebei-jishiban', 'guangdong-tif', 'zhejiang-zlb'])
    expect(list.filter((p) => p.default).map((p) => p.id)).toEqual(['hebei-jishiban'])
    expect(list[0]).toMatchObject({ name: '冀时办', province: '河北省', signing: 'hmac-sha256', identity: 'access-link' })
    expect((await loadDefaultProfile()).id).toBe('hebei-jishiban')
  })

  it.each(SHIPPED)('%s passes spec check with no findings, and its id is its file name', async (id) => {
    const file = join(PROFILES_DIR, `${id}.yaml`)
    expect(await checkProfileFile(file)).toEqual([])
    const profile = await loadProfile(id)
    expect(profile.id).toBe(id)
    expect(profile.file).toBe(file)
  })

  it.each(SHIPPED)('%s points editors at the shipped schema', async (id) => {
    const text = await readFile(join(PROFILES_DIR, `${id}.yaml`), 'utf8')
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/profile.schema.json')
    const schema = JSON.parse(await readFile(join(PROFILES_DIR, '../schema/profile.schema.json'), 'utf8')) as { $id: string }
    expect(schema.$id).toMatch(/profile\.schema\.json$/)
  })

  it('hebei-jishiban says its gateway signing is an assumption, and what it assumes', async () => {
    const hebei = await loadProfile('hebei-jishiban')
    expect(hebei.signing).toMatchObject({ algorithm: 'hmac-sha256', timestamp: { skewSeconds: 100 }, nonce: { required: true } })
    expect(hebei.assumptions?.find((a) => a.about === 'signing')?.zh).toContain('未公开')
    expect(hebei.identity).toMatchObject({ kind: 'access-link', entry: { param: 'accessLink' } })
    expect(hebei.identity.steps[0]?.request.path).toBe('/auth/getAccessLinkForUserTmpMsg')
    expect(hebei.envelopes[hebei.inbound.envelope]?.body).toEqual({ field: 'C-Response-Body', codec: 'json-string' })
  })

  it('zhejiang-zlb uses the IRS headers, a 1-minute single-use ticket and both user kinds', async () => {
    const zj = await loadProfile('zhejiang-zlb')
    expect(zj.signing.headers).toEqual({
      accessKey: 'X-BG-HMAC-ACCESS-KEY',
      timestamp: 'X-BG-DATE-TIME',
      signature: 'X-BG-HMAC-SIGNATURE',
      algorithm: { name: 'X-BG-HMAC-ALGORITHM', value: 'hmac-sha256' },
    })
    expect(zj.signing.timestamp).toEqual({ format: 'rfc1123', skewSeconds: 100 })
    expect(zj.identity.entry).toEqual({ param: 'ticketId', lifetimeSeconds: 60, singleUse: true })
    expect(zj.identity.steps.map((s) => s.id)).toEqual(['accessToken', 'userInfo'])
    expect(zj.identity.user.kind).toMatchObject({ person: ['PERSON'], legalPerson: ['LEGAL_PERSON'] })
    expect(zj.errors.map((e) => e.code)).toContain('C-USER-SSO-TICKET-INVALID')
  })

  it('guangdong-tif signs the x-tif-* headers with SHA-256 over timestamp + token + nonce + timestamp', async () => {
    const gd = await loadProfile('guangdong-tif')
    expect(gd.signing.headers).toMatchObject({ accessKey: 'x-tif-paasid', timestamp: 'x-tif-timestamp', nonce: 'x-tif-nonce', signature: 'x-tif-signature' })
    expect(gd.signing.canonical).toEqual({ parts: ['timestamp', 'secret', 'nonce', 'timestamp'], separator: '' })
  })
})

describe('loadProfile', () => {
  it('suggests the nearest id for a typo', async () => {
    const error = await loadProfile('hebei-jishban').catch((e: unknown) => e)
    expect(isYjError(error) && error.code).toBe('YJ_SPEC_PROFILE_UNKNOWN')
    expect(isYjError(error) && error.finding.hint.en).toContain('did you mean "hebei-jishiban"?')
  })

  it("loads a city's own file with a relative capability base and merges it", async () => {
    await writeFile(
      join(dir, 'city-caps.yaml'),
      [
        'apiVersion: yingjie/v1',
        'kind: CapabilityMap',
        'metadata: { id: city-caps, name: 城市补充能力 }',
        'entries:',
        '  - { api: wx.login, category: login, capability: unified-identity, status: 2, needs: unified-identity, reason: { zh: "用{platform}登录", en: "log in with {platform}" } }',
        '  - { api: wx.getBatteryInfo, category: system, capability: none, status: 2, reason: { zh: 不需要, en: not needed } }',
        '',
      ].join('\n'),
    )
    const { file } = await cityProfile('baoding.yaml', [
      ['  id: hebei-jishiban', '  id: baoding-jishiban'],
      ['  default: true\n', ''],
      ['    base: h5-container', '    base: ./city-caps.yaml'],
    ])
    const profile = await loadProfile('baoding.yaml', { cwd: dir })
    expect(profile.id).toBe('baoding-jishiban')
    expect(profile.file).toBe(file)
    expect(profile.capabilities.map((c) => c.api)).toEqual(['wx.login', 'wx.getBatteryInfo', 'wx.scanCode'])
    expect(profile.capabilities[0]?.reason).toEqual({ zh: '用冀时办登录', en: 'log in with Jishiban' })
  })

  it('tells a capability map from a profile, both ways', async () => {
    const mapFile = join(PROFILES_DIR, '../capabilities/h5-container.yaml')
    const asProfile = await loadProfile(mapFile).catch((e: unknown) => e)
    expect(isYjError(asProfile) && asProfile.code).toBe('YJ_SPEC_NOT_PROFILE')
    const { file, text } = await cityProfile('profile-as-base.yaml', [['    base: h5-container', `    base: ${join(PROFILES_DIR, 'zhejiang-zlb.yaml')}`]])
    const findings = await checkProfileFile(file)
    const base = positionOf(text, join(PROFILES_DIR, 'zhejiang-zlb.yaml'))
    expect(findings.map(brief)).toEqual([`${base.line}:${base.column} YJ_SPEC_CAPABILITY_BASE`])
    expect(findings[0]?.message.en).toContain('is a profile, not a capability map')
  })

  it('throws a ProfileError carrying every finding, located at the first error', async () => {
    const { file, text } = await cityProfile('two-errors.yaml', [
      ['      skewSeconds: 100', '      skewSeconds: 100000'],
      ['      query: sorted-encoded', '      query: sorted-encode'],
    ])
    const error = await loadProfile(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProfileError)
    const pe = error as ProfileError
    expect(pe.findings).toHaveLength(1)
    // Schema errors stop before the semantic checks, so the hook is reported on the next run.
    expect(pe.code).toBe('YJ_VALUE_RANGE')
    expect(pe.finding.location).toEqual({ file, ...positionOf(text, '100000') })
  })
})

describe('spec check on a city-edited profile', () => {
  it('locates a misspelt field, a bad enum value and a missing reason with file:line:column', async () => {
    const { file, text } = await cityProfile('typos.yaml', [
      ['      skewSeconds: 100', '      skewSecond: 100'],
      ['    algorithm: hmac-sha256', '    algorithm: hmac-sha265'],
      ['          en: "Jishiban\'s JS bridge is not public; ask the province for scanning, or recognise an uploaded picture instead"\n', ''],
    ])
    const findings = await checkProfileFile(file)
    const signingAlgorithm = positionOf(text, 'hmac-sha265')
    const skew = positionOf(text, 'skewSecond: 100')
    // The reason lacks `en`: reported where the reason's mapping starts.
    const reason = positionOf(text, 'zh: 冀时办 JS 桥未公开')
    expect(findings.map(brief)).toEqual([
      `${signingAlgorithm.line}:${signingAlgorithm.column} YJ_VALUE_NOT_ALLOWED`,
      `${skew.line - 1}:${skew.column} YJ_FIELD_REQUIRED`,
      `${skew.line}:${skew.column} YJ_FIELD_UNKNOWN`,
      `${reason.line}:${reason.column} YJ_FIELD_REQUIRED`,
    ])
    expect(findings.every((f) => f.location?.file === file && f.severity === 'error')).toBe(true)
    const unknown = findings.find((f) => f.code === 'YJ_FIELD_UNKNOWN')!
    expect(unknown.hint.zh).toBe('是否应为 “skewSeconds”？')
    expect(findings.find((f) => f.code === 'YJ_VALUE_NOT_ALLOWED')!.hint.en).toContain('hmac-sha256')
  })

  it('reports unknown hooks, envelope references and placeholders, duplicates and unsafe signing', async () => {
    const { file, text } = await cityProfile('semantic.yaml', [
      ['      query: sorted-encoded', '      query: sorted-encode'],
      ['          envelope: c-envelope', '          envelope: c-envelop'],
      ['            appPwd: "{appPassword}"', '            appPwd: "{appPwd}"'],
      ['    - { code: "1003",', '    - { code: "1002",'],
      ['    - id: privacy-notice\n      automatic: false', '    - id: privacy-notice\n      automatic: true'],
      ['      parts: [method, path, query, accessKey, timestamp, nonce, bodySha256]', '      parts: [method, path, query, accessKey, timestamp, bodySha256]'],
      [
        '    entries:\n',
        '    entries:\n      - { api: wx.scanCode, category: scan, capability: h5.camera, status: 0, needs: platform-bridge }\n',
      ],
    ])
    const findings = await checkProfileFile(file)
    const at = (needle: string, from = 0) => {
      const p = positionOf(text, needle, from)
      return `${p.line}:${p.column}`
    }
    const secondScan = text.indexOf('api: wx.scanCode', text.indexOf('api: wx.scanCode') + 1)
    expect(findings.map(brief)).toEqual([
      `${at('[method, path')} YJ_SPEC_SIGNING_NONCE`,
      `${at('sorted-encode')} YJ_SPEC_HOOK_UNKNOWN`,
      `${at('"{appPwd}"')} YJ_SPEC_IDENTITY_PLACEHOLDER`,
      `${at('c-envelop\n')} YJ_SPEC_REF_UNKNOWN`,
      `${at('"1002", kind: ticket-expired')} YJ_SPEC_DUPLICATE`,
      `${at('true', text.indexOf('id: privacy-notice'))} YJ_SPEC_REVIEW_NOT_AUTOMATABLE`,
      `${at('platform-bridge }')} YJ_SPEC_CAPABILITY_NEEDS`,
      `${at('wx.scanCode', secondScan)} YJ_SPEC_CAPABILITY_DUPLICATE`,
    ])
    const byCode = (code: string) => findings.find((f) => f.code === code)!
    expect(byCode('YJ_SPEC_SIGNING_NONCE').severity).toBe('warning')
    expect(byCode('YJ_SPEC_HOOK_UNKNOWN').hint.zh).toContain('是否应为 “sorted-encoded”？')
    expect(byCode('YJ_SPEC_REF_UNKNOWN').hint.en).toBe('did you mean "c-envelope"?')
    expect(byCode('YJ_SPEC_DUPLICATE').message.zh).toMatch(/错误码 “1002” 重复（第 \d+ 行已出现）/)
  })

  it('refuses a plain digest whose canonical string lacks the secret', async () => {
    const { file, text } = await cityProfile('nosecret.yaml', [['    algorithm: hmac-sha256', '    algorithm: sha256']])
    const findings = await checkProfileFile(file)
    expect(findings.map(brief)).toEqual([`${positionOf(text, '[method, path').line}:${positionOf(text, '[method, path').column} YJ_SPEC_SIGNING_NO_SECRET`])
  })

  it('reports YAML syntax errors, extra documents and an unknown capability base', async () => {
    const syntax = await cityProfile('syntax.yaml', [['    maskChar: "*"', '    maskChar: "*\n      bad: [']])
    const syntaxFindings = await checkProfileFile(syntax.file)
    expect(syntaxFindings.length).toBeGreaterThan(0)
    expect(syntaxFindings[0]?.code).toMatch(/^YJ_YAML_/)
    expect(syntaxFindings[0]?.location?.line).toBeGreaterThanOrEqual(positionOf(syntax.text, 'maskChar').line)

    const twoDocs = await cityProfile('two-docs.yaml', [['apiVersion: yingjie/v1', '---\napiVersion: yingjie/v1']])
    const extra = join(dir, 'two-docs-extra.yaml')
    await writeFile(extra, `${twoDocs.text}\n---\napiVersion: yingjie/v1\n`)
    expect((await checkProfileFile(extra)).map((f) => f.code)).toEqual(['YJ_SPEC_DOCUMENTS'])

    const base = await cityProfile('base.yaml', [['    base: h5-container', '    base: h5-containr']])
    const baseFindings = await checkProfileFile(base.file)
    expect(baseFindings.map(brief)).toEqual([`${positionOf(base.text, 'h5-containr').line}:${positionOf(base.text, 'h5-containr').column} YJ_SPEC_CAPABILITY_BASE`])
    expect(baseFindings[0]?.hint.zh).toContain('是否应为 “h5-container”？')
  })

  it('checks a capability map file too, finding duplicate APIs', async () => {
    const file = join(dir, 'dup-caps.yaml')
    const text = [
      'apiVersion: yingjie/v1',
      'kind: CapabilityMap',
      'metadata: { id: dup, name: 重复 }',
      'entries:',
      '  - { api: uni.request, category: network, capability: h5.fetch, status: 0 }',
      '  - { api: uni.request, category: network, capability: h5.xhr, status: 0 }',
      '',
    ].join('\n')
    await writeFile(file, text)
    const findings = await checkProfileFile(file)
    expect(findings.map(brief)).toEqual(['6:12 YJ_SPEC_CAPABILITY_DUPLICATE'])
    expect(findings[0]?.message.en).toBe('duplicate capability API "uni.request" (first at line 5)')
  })
})
