/**
 * 字段映射：{{comment platform.name}}送来的请求 ↔ 旧系统（{{comment legacy.title}}）网页表单的字段和结果页面。
 *
 * 这是最常需要修改的文件：
 *   input       平台请求的 JSON Schema（前端提交哪些字段、什么格式）
 *   example     一个合法的请求，OpenAPI 文档和一致性测试都用它
 *   toLegacy    平台请求（和已核验的用户身份）→ 提交的表单字段（按 {{comment legacy.encoding}} 编码提交）
 *   fromLegacy  结果页面 → 返回给平台的数据（按标签读取表格中的值；个人信息会被自动脱敏）
 * 需要用户身份的操作，姓名、证件号码、手机号取自平台核验过的用户（user），不让用户自己填写。
 * 改完运行 npm test。模板更新（yingjie adapter update .）时，这里的修改会被保留。
 */
import type { FormPage } from '@yingjie/connector'
import { asBoolean, asInteger, asNumber, asText, cell, field, type Input, type LegacyParams, type OperationMapping, type User } from './fields.js'

export const mapping = {
{{#each operations as op}}
  /** {{comment op.name}}：{{comment op.method}} {{comment op.path}} */
  {{key op.id}}: {
    input: {
      type: 'object',
{{#if op.platformInputs}}
      properties: {
{{#each op.platformInputs as f}}
        {{key f.name}}: {{json f.schema}},
{{/each}}
      },
{{else}}
      properties: {},
{{/if}}
      required: {{json op.required}},
      additionalProperties: false,
    },
    output: {{json op.outputSchema}},
    example: {{json op.example}},
    toLegacy(input: Input, user: User | undefined): LegacyParams {
      return {
{{#each op.legacyParams as p}}
{{#if p.fromUser}}
        {{key p.name}}: user?.{{ident p.userField}},
{{else}}
        {{key p.name}}: field(input, {{json p.name}}),
{{/if}}
{{/each}}
      }
    },
    fromLegacy(page: FormPage) {
      return {
{{#each op.outputs as f}}
        {{key f.name}}: {{ident f.convert}}(cell(page, {{json f.label}})),
{{/each}}
      }
    },
  },
{{/each}}
} satisfies Record<string, OperationMapping>
