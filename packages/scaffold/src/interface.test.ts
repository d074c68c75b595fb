import { loadInventory } from '@yingjie/model'
import { beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_BAODING } from '../../../test/utils/index'
import type { OperationAnswer } from './_answers'
import { answersFromInterface } from './_interface'
import { findTemplate } from './_template'
import { resolveAnswers } from './_answers'

let inventory: Awaited<ReturnType<typeof loadInventory>>
beforeAll(async () => {
  inventory = await loadInventory(SAMPLE_BAODING)
})

describe('answers from an inventory Interface', () => {
  it('REST: endpoint, channel, profile, operations with fields; the template accepts them as they are', async () => {
    const r = answersFromInterface(inventory, 'bd-mzj-hy-api')
    expect(r.template).toBe('rest-json')
    expect(r.answers).toMatchObject({
      name: 'bd-mzj-hy-api-adapter',
      title: '民政业务服务接口适配器',
      system: '保定市民政综合业务信息平台',
      endpoint: 'https://api.mzfw.baoding.invalid/service',
      profile: 'hebei-jishiban',
      legacyKey: 'bdMzjHyApi',
      sourceInterface: 'bd-mzj-hy-api',
      auth: 'bearer',
    })
    expect(r.answers.channel).toMatch(/^[a-z0-9-]+$/)
    const ops = r.answers.operations as OperationAnswer[]
    expect(ops.map((o) => [o.id, o.method, o.path])).toContainEqual(['list-marriage-slots', 'GET', '/marriage/slots'])
    const resolved = resolveAnswers(await findTemplate('rest-json'), [{ source: 'interface', values: r.answers, id: 'bd-mzj-hy-api' }])
    expect(resolved.findings).toEqual([])
  })

  it('SOAP: namespace from the soapActions; GBK forms keep their encoding', async () => {
    const soap = answersFromInterface(inventory, 'bd-gaj-hj-soap')
    expect(soap.template).toBe('soap-xml')
    expect(soap.answers).toMatchObject({ namespace: 'http://hjfw.gaj.baoding.invalid', encoding: 'utf-8' })
    expect(resolveAnswers(await findTemplate('soap-xml'), [{ source: 'interface', values: soap.answers, id: 'x' }]).findings).toEqual([])
    const form = answersFromInterface(inventory, 'bd-gaj-jj-form')
    expect(form.template).toBe('html-form-gbk')
    expect(form.answers).toMatchObject({ encoding: 'gbk', auth: 'none' })
    expect(resolveAnswers(await findTemplate('html-form-gbk'), [{ source: 'interface', values: form.answers, id: 'x' }]).findings).toEqual([])
  })

  it('every Interface of the sample that has a template gives answers its template accepts', async () => {
    const ids = inventory.entities.filter((e) => e.kind === 'Interface' && (e.spec as { protocol: string }).protocol !== 'other').map((e) => e.metadata.id)
    expect(ids.length).toBeGreaterThan(5)
    for (const id of ids) {
      const r = answersFromInterface(inventory, id)
      const resolved = resolveAnswers(await findTemplate(r.template), [{ source: 'interface', values: r.answers, id }])
      expect(resolved.findings, id).toEqual([])
      expect(resolved.missing, id).toEqual([])
    }
  })

  it('an unknown id suggests the closest; protocol other has no template', () => {
    expect(() => answersFromInterface(inventory, 'bd-mzj-hy-ap')).toThrow(expect.objectContaining({ code: 'YJ_INTERFACE_UNKNOWN', finding: expect.objectContaining({ hint: { zh: '是否应为 “bd-mzj-hy-api”？', en: 'did you mean "bd-mzj-hy-api"?' } }) }))
    const other = inventory.entities.find((e) => e.kind === 'Interface' && (e.spec as { protocol: string }).protocol === 'other')
    if (other) expect(() => answersFromInterface(inventory, other.metadata.id)).toThrow(expect.objectContaining({ code: 'YJ_INTERFACE_PROTOCOL' }))
  })
})
