/**
 * The OpenAPI 3.1 document of an adapter, generated from its operations:
 * one `POST /api/<id>` per operation, the profile's signing headers, the
 * entry credential as a query parameter, and the envelope as the reply.
 * `x-yingjie-*` extensions carry what the conformance kit needs.
 */
import type { AccessProfile, EnvelopeSpec } from '@yingjie/spec'
import type { Adapter } from './_define'

export const OPERATION_PATH_PREFIX = '/api/'

function envelopeSchema(envelope: EnvelopeSpec, data: Record<string, unknown> | undefined): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  if (envelope.status) properties[envelope.status.field] = {}
  properties[envelope.code.field] = {}
  properties[envelope.message.field] = { type: 'string' }
  if (envelope.body) {
    properties[envelope.body.field] =
      envelope.body.codec === 'json-string' ? { type: 'string', contentMediaType: 'application/json', ...(data ? { contentSchema: data } : {}) } : (data ?? {})
  }
  return { type: 'object', required: [envelope.code.field, envelope.message.field], properties }
}

export function buildOpenApi(adapter: Adapter, profile: AccessProfile): Record<string, unknown> {
  const envelope = profile.envelopes[profile.inbound.envelope]!
  const h = profile.signing.headers
  const signingHeaders = [h.accessKey, h.timestamp, ...(h.nonce ? [h.nonce] : []), h.signature, ...(h.algorithm ? [h.algorithm.name] : [])].map((name) => ({
    name,
    in: 'header',
    required: true,
    schema: { type: 'string' },
  }))
  const credential = profile.identity.entry.param
  const paths: Record<string, unknown> = {}
  for (const [id, op] of Object.entries(adapter.operations)) {
    const parameters: unknown[] = [...signingHeaders]
    if (op.identity !== 'none') {
      parameters.push({
        name: credential,
        in: 'query',
        required: op.identity === 'required',
        description: `${profile.platform.name.zh}的身份凭据（${profile.identity.kind}）`,
        schema: { type: 'string' },
      })
    }
    const errorReply = { description: '错误信封', content: { 'application/json': { schema: envelopeSchema(envelope, undefined) } } }
    paths[`${OPERATION_PATH_PREFIX}${id}`] = {
      post: {
        operationId: id,
        summary: op.name,
        'x-yingjie-item': op.item,
        'x-yingjie-identity': op.identity,
        'x-yingjie-idempotent': op.idempotent ?? false,
        ...(op.revealPersonalData ? { 'x-yingjie-reveal-personal-data': true } : {}),
        parameters,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: op.input, ...(op.example !== undefined ? { example: op.example } : {}) } },
        },
        responses: {
          '200': { description: '成功信封', content: { 'application/json': { schema: envelopeSchema(envelope, op.output) } } },
          '400': errorReply,
          '401': errorReply,
          '404': errorReply,
          '413': errorReply,
          '500': errorReply,
          '503': errorReply,
        },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${adapter.channel} adapter`,
      version: adapter.version ?? '0.0.0',
      description: `Adapter for channel ${adapter.channel} on ${profile.metadata.name} (${profile.id}).`,
      'x-yingjie-profile': profile.id,
      'x-yingjie-channel': adapter.channel,
    },
    paths,
  }
}
