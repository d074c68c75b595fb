// Target: `yingjie inventory import` of a filled survey workbook with 5,000
// channel rows into (a copy of) the Baoding sample inventory within 3 s wall,
// compared with exceljs reading the same workbook alone.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { emit, median, REPO, runNode } from './_measure.mjs'

const ROWS = 5000
const RUNS = 3
const ORGS = ['bd-rsj', 'bd-gaj', 'bd-ybj', 'bd-gjj', 'bd-wjw', 'bd-jyj', 'bd-mzj', 'bd-jtj', 'bd-zjj', 'bd-xzspj']
const TYPES = ['H5', '小程序', 'APP', '公众号']

function hex(n, width) {
  return n.toString(16).padStart(width, '0')
}

/** A survey workbook as departments return it: the survey's own headers, one channel per row. */
async function writeWorkbook(file) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true })
  const ws = workbook.addWorksheet('渠道')
  ws.addRow(['所属单位编号 *', '渠道编号', '渠道名称 *', '渠道类型 *', 'Android 包名', '小程序平台', '小程序 AppID', 'H5 地址', '公众号平台', '公众号名称', '开发运维厂商', '上线日期', '注册用户数', '是否处理个人信息', '等保级别', '备案编号', '提供的服务', '处置方式', '接入方式']).commit()
  ws.addRow(['示例（导入时跳过本行）']).commit()
  for (let i = 0; i < ROWS; i++) {
    const type = TYPES[i % TYPES.length]
    ws.addRow([
      ORGS[i % ORGS.length],
      null,
      `渠道 ${i + 1}`,
      type,
      type === 'APP' ? `cn.gov.bd.bench${i}` : null,
      type === '小程序' ? '微信' : null,
      type === '小程序' ? `wx${hex(i, 16)}` : null,
      type === 'H5' ? `https://bench${i}.baoding.invalid/m/` : null,
      type === '公众号' ? '微信' : null,
      type === '公众号' ? `保定服务号${i}` : null,
      '示例软件有限公司',
      new Date(Date.UTC(2018 + (i % 5), i % 12, 1 + (i % 28))),
      1000 + i,
      i % 2 ? '是' : '否',
      i % 2 ? '三级' : null,
      type === 'APP' || type === '小程序' ? `冀ICP备2021${String(i).padStart(6, '0')}号-1A` : null,
      '社会保障卡申领|HB-SB-001\n就业登记|HB-SB-006',
      '接入',
      '部门自行开发对接',
    ]).commit()
  }
  await workbook.commit()
}

const root = mkdtempSync(join(tmpdir(), 'yj-survey-bench-'))
try {
  const book = join(root, 'survey-5000.xlsx')
  await writeWorkbook(book)
  const bin = join(REPO, 'packages/cli/dist/bin.js')
  const floorScript = join(REPO, 'test/bench/_exceljs-read.mjs')
  const ours = []
  const floor = []
  for (let i = 0; i < RUNS; i++) {
    const f = runNode([floorScript, book])
    if (f.status !== 0) throw new Error(`exceljs floor failed: ${f.stderr}`)
    floor.push(f)
    // A fresh copy each run, so every run adds 5,000 channels.
    const inv = join(root, `inv-${i}`)
    cpSync(join(REPO, 'inventories'), inv, { recursive: true })
    const o = runNode([bin, 'inventory', 'import', book, '--into', join(inv, 'baoding'), '--format', 'json'])
    if (o.status !== 0) throw new Error(`import failed (exit ${o.status}):\n${o.stdout.slice(0, 3000)}${o.stderr}`)
    const out = JSON.parse(o.stdout)
    if (out.added !== ROWS) throw new Error(`import added ${out.added} channels, expected ${ROWS}`)
    ours.push(o)
  }
  const oMs = median(ours.map((r) => r.ms))
  const fMs = median(floor.map((r) => r.ms))
  const oMB = Math.max(...ours.map((r) => r.rssMB))
  console.log(`workbook: ${ROWS} channel rows, 19 columns`)
  console.log(`inventory import  median ${oMs.toFixed(0)} ms, peak ${oMB.toFixed(0)} MB (${RUNS} runs)`)
  console.log(`exceljs read only median ${fMs.toFixed(0)} ms`)
  console.log(`ratio ${(oMs / fMs).toFixed(2)}×; target ≤ 3000 ms`)
  emit({ figure: `inventory import, ${ROWS}-row workbook (median ms)`, ours: oMs, peer: fMs, peerName: 'exceljs read only', ratio: oMs / fMs, target: '≤ 3000 ms', met: oMs <= 3000 })
} finally {
  rmSync(root, { recursive: true, force: true })
}
