/**
 * Example adapter (fictional): 保定市人社局's old app queried a SOAP
 * social-security system that speaks GBK. On 冀时办 the same services are
 * three operations; the citizen's identity comes from the platform.
 */
import { defineAdapter, isLegacyError, OperationError, soapSystem } from '@yingjie/connector'

const NAMESPACE = 'http://si.bd-rsj.example.invalid/ws'

export default defineAdapter({
  profile: 'hebei-jishiban',
  channel: 'bd-rsj-app',
  version: '1.0.0',
  legacy: {
    si: soapSystem({ title: '社保核心系统（模拟）', namespace: NAMESPACE, encoding: 'gbk', timeoutMs: 2000, concurrency: 16, breaker: { failureThreshold: 5, resetAfterMs: 5000 } }),
  },
  operations: {
    queryInsured: {
      name: '社保参保信息查询',
      item: 'HB-RS-0001',
      identity: 'required',
      idempotent: true,
      input: { type: 'object', properties: { year: { type: 'integer', minimum: 1990, maximum: 2100 } }, additionalProperties: false },
      output: { type: 'object', properties: { name: { type: 'string' }, idNumber: { type: 'string' }, status: { type: 'string' }, months: { type: 'integer' } } },
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
      async handler({ input, user, legacy, log }) {
        const r = await legacy.si.call<Record<string, string>>('ApplyContinuation', { sfzh: user!.idNumber, sjhm: input.phone, ys: input.months })
        log.info({ applicationNo: r.sqbh, phone: input.phone }, 'application filed')
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
