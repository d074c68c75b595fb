/**
 * Pre-filled answers from an inventory Interface entity: protocol (hence
 * the template), endpoint, encoding, auth and every operation with its
 * fields; the Channel that uses it and the Region's platform profile too.
 */
import { closest, finding, YjError, type Entity, type Finding, type Inventory, type OperationSpec } from '@yingjie/model'
import type { Answers, OperationAnswer } from './_answers'
import { toIdentifier } from './_engine'
import { TEMPLATE_FOR_PROTOCOL, type TemplateProtocol } from './_template'

export interface InterfaceAnswers {
  /** The template for the Interface's protocol. */
  template: string
  answers: Answers
  /** Warnings about gaps filled with placeholders (no service item, no Channel). */
  findings: Finding[]
}

function namespaceFrom(operations: readonly OperationSpec[], endpoint: string): string {
  for (const op of operations) {
    const action = op.soapAction
    if (!action) continue
    const cut = Math.max(action.lastIndexOf('/'), action.startsWith('urn:') ? -1 : action.lastIndexOf('#'))
    if (cut > 'http://'.length) return action.slice(0, cut)
  }
  try {
    return new URL(endpoint).origin
  } catch {
    return 'http://legacy.example.invalid/ws'
  }
}

/** `bd-gaj-jj-form` → `bdGajJjForm`: the key in code and in YINGJIE_LEGACY_BD_GAJ_JJ_FORM_URL. */
function legacyKeyFor(id: string): string {
  const key = toIdentifier(id, 'system').replace(/^[_$]+/, '').slice(0, 32)
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(key) ? key : 'system'
}

/**
 * Answers for the Interface `id` of a loaded inventory.
 * @throws YjError `YJ_INTERFACE_UNKNOWN` (with a did-you-mean) or `YJ_INTERFACE_PROTOCOL` for protocol `other`
 */
export function answersFromInterface(inventory: Inventory, id: string): InterfaceAnswers {
  const interfaces = inventory.entities.filter((e): e is Entity<'Interface'> => e.kind === 'Interface')
  const entity = interfaces.find((e) => e.metadata.id === id)
  if (!entity) {
    const guess = closest(id, interfaces.map((e) => e.metadata.id))
    throw new YjError({
      code: 'YJ_INTERFACE_UNKNOWN',
      message: { zh: `清单中没有 id 为 “${id}” 的接口（Interface）`, en: `no Interface with id "${id}" in the inventory` },
      hint: guess
        ? { zh: `是否应为 “${guess}”？`, en: `did you mean "${guess}"?` }
        : { zh: `清单中的接口：${interfaces.map((e) => e.metadata.id).join('、') || '无'}`, en: `Interfaces: ${interfaces.map((e) => e.metadata.id).join(', ') || 'none'}` },
    })
  }
  const spec = entity.spec
  if (spec.protocol === 'other') {
    throw new YjError({
      code: 'YJ_INTERFACE_PROTOCOL',
      message: { zh: `接口 ${id} 的协议为 other，没有对应的适配器模板`, en: `Interface ${id} has protocol other; no template fits` },
      hint: { zh: '选一个最接近的模板（--template rest-json|soap-xml|html-form-gbk）并用 --set 填写参数', en: 'pick the closest template (--template rest-json|soap-xml|html-form-gbk) and fill parameters with --set' },
      location: entity.source.locate(['spec', 'protocol'], 'value'),
    })
  }
  const protocol = spec.protocol as TemplateProtocol
  const findings: Finding[] = []
  const channel = inventory.entities.find((e): e is Entity<'Channel'> => e.kind === 'Channel' && (e.spec.interfaces ?? []).includes(id))
  if (!channel) {
    findings.push(
      finding({
        code: 'YJ_INTERFACE_NO_CHANNEL',
        severity: 'warning',
        message: { zh: `没有渠道（Channel）引用接口 ${id}，适配器的 channel 暂填 ${entity.metadata.owner ?? 'unknown'}-channel`, en: `no Channel lists Interface ${id}; channel set to ${entity.metadata.owner ?? 'unknown'}-channel` },
        hint: { zh: '在渠道的 interfaces 中列出该接口，或用 --set channel=渠道id', en: "list it in a Channel's interfaces, or give --set channel=<id>" },
        location: entity.source.locate(['metadata', 'id'], 'value'),
        entity: { kind: 'Interface', id },
      }),
    )
  }
  const region = inventory.entities.find((e): e is Entity<'Region'> => e.kind === 'Region')
  const operations: OperationAnswer[] = (spec.operations ?? []).map((op, i) => {
    if (!op.item) {
      findings.push(
        finding({
          code: 'YJ_INTERFACE_NO_ITEM',
          severity: 'warning',
          message: { zh: `接口 ${id} 的操作 ${op.id} 没有关联政务服务事项（item），暂填 TODO`, en: `operation ${op.id} of Interface ${id} has no service item; set to TODO` },
          hint: { zh: '在清单中补上 item（高频事项编码），再运行 yingjie adapter update', en: 'add item (the high-frequency item code) in the inventory, then run yingjie adapter update' },
          location: entity.source.locate(['spec', 'operations', i, 'id'], 'value'),
          entity: { kind: 'Interface', id },
        }),
      )
    }
    const answer: OperationAnswer = { id: op.id, name: op.name, item: op.item ?? 'TODO' }
    if (op.idempotent !== undefined) answer.idempotent = op.idempotent
    if (protocol !== 'soap') {
      answer.method = op.method ?? (op.idempotent ? 'GET' : 'POST')
      if (op.path !== undefined) answer.path = op.path
    } else if (op.soapAction !== undefined) answer.soapAction = op.soapAction
    if (op.input) answer.input = op.input.map((f) => ({ ...f }))
    if (op.output) answer.output = op.output.map((f) => ({ ...f }))
    return answer
  })
  const authType = spec.auth?.type
  const answers: Answers = {
    name: `${id}-adapter`.slice(0, 63),
    title: `${entity.metadata.name}适配器`,
    channel: channel?.metadata.id ?? `${entity.metadata.owner ?? 'unknown'}-channel`,
    system: spec.system,
    endpoint: spec.endpoint,
    legacyKey: legacyKeyFor(id),
    // Forms know basic authentication only; a token is left to the developer (the note says so).
    auth: authType === 'basic' ? 'basic' : (authType === 'token' || authType === 'bearer') && protocol === 'rest-json' ? 'bearer' : 'none',
    sourceInterface: id,
    operations,
  }
  if (spec.auth?.note) answers.authNote = spec.auth.note
  if (region?.spec.platform) answers.profile = region.spec.platform
  if (spec.encoding) answers.encoding = spec.encoding
  if (protocol === 'soap') answers.namespace = namespaceFrom(spec.operations ?? [], spec.endpoint)
  return { template: TEMPLATE_FOR_PROTOCOL[protocol], answers, findings }
}
