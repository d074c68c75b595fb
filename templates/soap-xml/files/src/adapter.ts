/**
 * {{comment adapter.title}}：把{{comment legacy.title}}（SOAP/XML WebService）接入{{comment platform.name}}。
 *
 * 每个操作对应一个政务服务事项。签名校验、防重放、用户身份、应答信封、脱敏、
 * 健康检查和指标都由 @yingjie/connector 完成；这里只把操作接到旧接口上，
 * 字段怎样对应在 ./mapping.ts 中修改。
 *
 * 由 yingjie adapter new 从模板 {{comment template.name}} {{comment template.version}} 生成；
 * 用 yingjie adapter update . 获取模板更新，你的修改会通过三方合并保留。
 */
import { defineAdapter, soapSystem } from '@yingjie/connector'
import { mapping } from './mapping.js'

export default defineAdapter({
  profile: {{json adapter.profile}},
  channel: {{json adapter.channel}},
  version: '0.1.0',
  legacy: {
    {{key legacy.key}}: soapSystem({
      title: {{json legacy.title}},
      namespace: {{json legacy.namespace}},
      version: {{json legacy.soapVersion}},
      encoding: {{json legacy.encoding}},
      timeoutMs: {{int legacy.timeoutMs}},
      concurrency: {{int legacy.concurrency}},
      // The URL comes from {{comment legacy.envName}} at start-up.
    }),
  },
  operations: {
{{#each operations as op}}
    {{key op.id}}: {
      name: {{json op.name}},
      item: {{json op.item}},
      identity: {{json op.identity}},
      idempotent: {{json op.idempotent}},
      input: mapping{{member op.id}}.input,
      output: mapping{{member op.id}}.output,
      example: mapping{{member op.id}}.example,
      async handler({ input, user, legacy }) {
        const params = mapping{{member op.id}}.toLegacy(input, user)
{{#if op.hasSoapAction}}
        const reply = await legacy{{member legacy.key}}.call<Record<string, unknown>>({{json op.soapOperation}}, params, { soapAction: {{json op.soapAction}} })
{{else}}
        const reply = await legacy{{member legacy.key}}.call<Record<string, unknown>>({{json op.soapOperation}}, params)
{{/if}}
        return mapping{{member op.id}}.fromLegacy(reply ?? {})
      },
    },
{{/each}}
  },
})
