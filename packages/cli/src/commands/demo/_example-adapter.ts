/**
 * The demo's copy of test/example-adapter (keep the two alike): 保定市人社局's
 * old app queried a SOAP social-security system that speaks GBK; on 冀时办
 * the same services are three operations. Bundled with the CLI so
 * `yingjie demo` runs it without the repository's test folder.
 */
import { DEFAULT_TEST_USERS, defineAdapter, isLegacyError, OperationError, SoapFaultReply, soapSystem, startSoapSimulator } from '@yingjie/connector'

const NAMESPACE = 'http://si.bd-rsj.example.invalid/ws'

export const exampleAdapter = defineAdapter({
  profile: 'hebei-jishiban',
  channel: 'bd-rsj-app',
  version: '1.0.0',
  legacy: {
    si: soapSystem({ title: '社保核心系统（模拟）', namespace: NAMESPACE, encoding: 'gbk', timeoutMs: 2000, retries: 1, breaker: { failureThreshold: 5, resetAfterMs: 5000 } }),
  },
  operations: {
    queryInsured: {
      name: '社保参保信息查询',
      item: 'HB-RS-0001',
      identity: 'required',
      idempotent: true,
      input: { type: 'object', properties: { year: { type: 'integer', minimum: 1990, maximum: 2100 } }, additionalProperties: false },
      example: { year: 2024 },
      async handler({ input, user, legacy }) {
        try {
          const r = await legacy.si.call<Record<string, string>>('QueryInsured', { sfzh: user!.idNumber, xm: user!.name, nd: input.year })
          return { name: r.xm, idNumber: r.sfzh, phone: r.sjhm, unit: r.dwmc, status: r.zt, months: Number(r.jfys) }
        } catch (error) {
          if (isLegacyError(error) && error.kind === 'fault' && /未查询到/.test(error.message)) throw new OperationError('notFound', '没有查到您的参保信息')
          throw error
        }
      },
    },
    applyContinuation: {
      name: '灵活就业人员参保续缴申请',
      item: 'HB-RS-0002',
      identity: 'required',
      input: {
        type: 'object',
        properties: { phone: { type: 'string', pattern: '^1[3-9]\\d{9}$' }, months: { type: 'integer', minimum: 1, maximum: 12 } },
        required: ['phone', 'months'],
        additionalProperties: false,
      },
      example: { phone: '13812345678', months: 3 },
      async handler({ input, user, legacy }) {
        const r = await legacy.si.call<Record<string, string>>('ApplyContinuation', { sfzh: user!.idNumber, sjhm: input.phone, ys: input.months })
        return { applicationNo: r.sqbh, accepted: r.jg === '1' }
      },
    },
    listOffices: {
      name: '社保经办网点查询',
      item: 'HB-RS-0003',
      identity: 'none',
      idempotent: true,
      input: { type: 'object', properties: { county: { type: 'string', pattern: '^\\d{6}$' } }, required: ['county'], additionalProperties: false },
      example: { county: '130602' },
      async handler({ input, legacy }) {
        const r = await legacy.si.call<{ wd?: Record<string, string> | Record<string, string>[] }>('ListOffices', { xzqh: input.county })
        const list = r.wd === undefined ? [] : Array.isArray(r.wd) ? r.wd : [r.wd]
        return { offices: list.map((o) => ({ name: o.mc, address: o.dz, phone: o.dh })) }
      },
    },
  },
})

/** The SOAP 1.1 social-security system, answering in GBK with records for the mock platform's test users. */
export function startExampleLegacy() {
  let applications = 0
  return startSoapSimulator({
    namespace: NAMESPACE,
    encoding: 'gbk',
    operations: {
      QueryInsured(params) {
        const user = DEFAULT_TEST_USERS.find((u) => u.idNumber === params.sfzh)
        if (!user) throw new SoapFaultReply('Client', `未查询到证件号码 ${String(params.sfzh)} 的参保信息`)
        return { xm: user.name, sfzh: user.idNumber, sjhm: user.phone ?? '', dwmc: '保定示例科技有限公司（虚构）', zt: '正常参保缴费', jfys: '126' }
      },
      ApplyContinuation() {
        applications++
        return { sqbh: `SQ2024${String(applications).padStart(6, '0')}`, jg: '1' }
      },
      ListOffices(params) {
        return {
          wd: [
            { mc: `竞秀区社保经办大厅（${String(params.xzqh)}）`, dz: '保定市竞秀区示例路 1 号', dh: '0312-1234567' },
            { mc: '莲池区社保经办大厅', dz: '保定市莲池区示例街 2 号', dh: '0312-7654321' },
          ],
        }
      },
    },
  })
}
