import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { appendEntities, diffValues, editEntityInYaml } from './_yaml-write'

const FILE = `# yaml-language-server: $schema=../schema.json
# 保定市人社局：渠道
apiVersion: yingjie/v1
kind: Channel
metadata:
  id: a
  name: 保定人社   # 对外名称
  owner: bd-rsj
spec:
  type: app
  users: { registered: 862000, monthlyActive: 154000 }
  interfaces: [x-api, y-api]
  decision: connect
---
# 第二个渠道
apiVersion: yingjie/v1
kind: Channel
metadata:
  id: b
  name: 保定人社 H5
  owner: bd-rsj
spec:
  type: h5
  identifiers:
    h5Url: http://x.invalid/
  decision: retire
`

describe('diffValues', () => {
  it('lists set and delete edits per field; lists are replaced whole', () => {
    expect(diffValues({ a: 1, b: { c: 2, d: 3 }, l: [1] }, { a: 1, b: { c: 4 }, l: [1, 2], n: 'x' })).toEqual([
      { path: ['b', 'd'] },
      { path: ['b', 'c'], value: 4 },
      { path: ['l'], value: [1, 2] },
      { path: ['n'], value: 'x' },
    ])
  })
})

describe('editEntityInYaml', () => {
  it('changes scalars in place: comments, flow style and the other document stay byte for byte', () => {
    const out = editEntityInYaml(FILE, 'Channel', 'a', [
      { path: ['metadata', 'name'], value: '保定人社 APP' },
      { path: ['spec', 'users', 'registered'], value: 900000 },
    ])
    expect(out).toBe(FILE.replace('name: 保定人社   #', 'name: 保定人社 APP   #').replace('registered: 862000', 'registered: 900000'))
  })

  it('adds and deletes fields through the Document API, keeping comments and key order', () => {
    const out = editEntityInYaml(FILE, 'Channel', 'b', [{ path: ['spec', 'identifiers', 'h5Url'], value: 'https://x.invalid/' }, { path: ['spec', 'vendor'], value: '某公司' }, { path: ['spec', 'decision'] }])
    const [first, second] = out.split('---\n')
    expect(first).toBe(FILE.split('---\n')[0])
    expect(second).toContain('# 第二个渠道')
    expect(parse(second!)).toEqual({ apiVersion: 'yingjie/v1', kind: 'Channel', metadata: { id: 'b', name: '保定人社 H5', owner: 'bd-rsj' }, spec: { type: 'h5', identifiers: { h5Url: 'https://x.invalid/' }, vendor: '某公司' } })
    expect(second!.indexOf('type: h5')).toBeLessThan(second!.indexOf('identifiers'))
  })

  it('re-rendering the first document keeps the file header and the document comments exactly once', () => {
    const out = editEntityInYaml(FILE, 'Channel', 'a', [{ path: ['spec', 'vendor'], value: '某公司' }])
    expect(out.startsWith('# yaml-language-server: $schema=../schema.json\n# 保定市人社局：渠道\napiVersion: yingjie/v1\n')).toBe(true)
    expect(out.match(/yaml-language-server/g)).toHaveLength(1)
    // Lines that did not change keep their exact spacing, including yaml-insignificant padding.
    expect(out).toContain('name: 保定人社   # 对外名称')
    expect(out).toContain('  interfaces: [x-api, y-api]\n')
    expect(out.split('---\n')[1]).toBe(FILE.split('---\n')[1])
    expect(parse(out.split('---\n')[0]!).spec.vendor).toBe('某公司')
  })

  it('quotes a string that would read back as a number', () => {
    const out = editEntityInYaml(FILE, 'Channel', 'a', [{ path: ['spec', 'filingNumber'], value: '130600' }])
    expect(parse(out.split('---\n')[0]!).spec.filingNumber).toBe('130600')
  })
})

describe('appendEntities', () => {
  it('starts a new file with the schema header, or appends documents after ---', () => {
    const doc = { apiVersion: 'yingjie/v1', kind: 'Channel', metadata: { id: 'c', name: 'c' }, spec: { type: 'h5' } }
    expect(appendEntities(undefined, [doc], '../schema.json')).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\.json\napiVersion: yingjie\/v1\n/)
    const out = appendEntities(FILE, [doc])
    expect(out.startsWith(FILE)).toBe(true)
    expect(out.slice(FILE.length)).toBe('---\napiVersion: yingjie/v1\nkind: Channel\nmetadata:\n  id: c\n  name: c\nspec:\n  type: h5\n')
  })
})
