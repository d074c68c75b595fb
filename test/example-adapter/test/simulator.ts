/**
 * The legacy side of the example: a SOAP 1.1 service answering in GBK with
 * fictional records for the mock platform's test users.
 */
import { DEFAULT_TEST_USERS, SoapFaultReply, startSoapSimulator } from '@yingjie/connector'

let applications = 0

export default async function startSimulators() {
  const si = await startSoapSimulator({
    namespace: 'http://si.bd-rsj.example.invalid/ws',
    encoding: 'gbk',
    operations: {
      QueryInsured(params) {
        const user = DEFAULT_TEST_USERS.find((u) => u.idNumber === params.sfzh)
        if (!user) throw new SoapFaultReply('Client', `未查询到证件号码 ${String(params.sfzh)} 的参保信息`)
        return { xm: user.name, sfzh: user.idNumber, sjhm: user.phone ?? '', dwmc: '保定示例科技有限公司（虚构）', zt: '正常参保缴费', jfys: '126' }
      },
      ApplyContinuation(params) {
        if (!/^1[3-9]\d{9}$/.test(String(params.sjhm))) throw new SoapFaultReply('Client', '手机号码格式不正确')
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
  return { urls: { si: si.url }, close: () => si.close() }
}
