import { runInNewContext } from 'node:vm'
import { isYjError } from '@yingjie/model'
import { describe, expect, it } from 'vitest'
import { compileTemplate, ENCODERS, RESERVED_WORDS, toIdentifier } from './_engine'

const HOSTILE = ['quote\'s "double"', 'back`tick` ${process.exit(1)}', 'back\\slash\\', 'new\nline\r\n', 'sep\u2028\u2029', '中文 😀', '*/ <script>|#', '']

const render = (source: string, context: Record<string, unknown>) => compileTemplate(source, 'test.tmpl').render(context)

function failure(fn: () => unknown): { code: string; line?: number; column?: number } {
  try {
    fn()
  } catch (error) {
    if (isYjError(error)) return { code: error.code, line: error.finding.location?.line, column: error.finding.location?.column }
    throw error
  }
  throw new Error('did not throw')
}

describe('encoders keep hostile values literal', () => {
  it.each(HOSTILE)('json of %j evaluates back to the same string', (value) => {
    expect(runInNewContext(`(${ENCODERS.json!(value)})`)).toBe(value)
  })

  it('json writes __proto__ as a computed key, so it stays an own property', () => {
    // An object with an own __proto__ key, as JSON.parse and YAML readers make them.
    const value = JSON.parse('{"__proto__":"x","ok":[1,"a"]}')
    const code = ENCODERS.json!(value)
    expect(code).toBe('{ ["__proto__"]: "x", "ok": [1, "a"] }')
    const back = runInNewContext(`(${code})`)
    expect(Object.keys(back)).toEqual(['__proto__', 'ok'])
    expect(Object.getPrototypeOf(back)).not.toBe(null)
    expect(JSON.stringify(back)).toBe(JSON.stringify(value))
  })

  it('key and member: bare for identifier names (reserved words too), quoted otherwise', () => {
    expect(ENCODERS.key!('class')).toBe('class')
    expect(ENCODERS.key!('a-b')).toBe('"a-b"')
    expect(ENCODERS.key!('__proto__')).toBe('["__proto__"]')
    expect(ENCODERS.member!('default')).toBe('.default')
    expect(ENCODERS.member!('姓名')).toBe('["姓名"]')
    for (const value of HOSTILE.filter(Boolean)) {
      const obj = runInNewContext(`({ ${ENCODERS.key!(value)}: 1 })`)
      expect(Object.hasOwn(obj, value)).toBe(true)
      expect(runInNewContext(`o${ENCODERS.member!(value)}`, { o: { [value]: 2 } })).toBe(2)
    }
  })

  it('ident refuses anything that is not a plain identifier', () => {
    expect(ENCODERS.ident!('YINGJIE_LEGACY_X_URL')).toBe('YINGJIE_LEGACY_X_URL')
    for (const bad of ['class', 'a-b', '1x', '${x}', 'await']) expect(() => ENCODERS.ident!(bad)).toThrow()
  })

  it('md, comment and code fold lines and neutralise their syntax', () => {
    expect(ENCODERS.md!('a|b*c_\n<x>')).toBe('a\\|b\\*c\\_ \\<x\\>')
    expect(ENCODERS.comment!('end */ here\nnext')).toBe('end *\\/ here next')
    expect(ENCODERS.code!('plain')).toBe('`plain`')
    expect(ENCODERS.code!('a`b')).toBe('``a`b``')
    expect(ENCODERS.code!('`x`')).toBe('`` `x` ``')
  })

  it('shell, env, slug and int', () => {
    expect(ENCODERS.shell!('hebei-jishiban')).toBe('hebei-jishiban')
    expect(ENCODERS.shell!(`it's {"a":1}`)).toBe(`'it'\\''s {"a":1}'`)
    expect(ENCODERS.env!('http://127.0.0.1:9000/api')).toBe('http://127.0.0.1:9000/api')
    expect(ENCODERS.env!('a b')).toBe("'a b'")
    expect(ENCODERS.env!("http://x.invalid/a'b?c=$d")).toBe(`"http://x.invalid/a'b?c=$d"`)
    expect(() => ENCODERS.env!("it's\nbad")).toThrow()
    expect(() => ENCODERS.env!(`'"`)).toThrow()
    expect(() => ENCODERS.slug!('Bad Name')).toThrow()
    expect(ENCODERS.int!(8080)).toBe('8080')
    expect(() => ENCODERS.int!('8080')).toThrow()
  })

  it('toIdentifier sanitises names and steps around reserved words', () => {
    expect(toIdentifier('query-account')).toBe('queryAccount')
    expect(toIdentifier('class')).toBe('_class')
    expect(toIdentifier('1st')).toBe('_1st')
    expect(toIdentifier('中文')).toBe('value')
    expect(RESERVED_WORDS.has('enum')).toBe(true)
  })
})

describe('template language', () => {
  it('loops and conditions, with block lines removed', () => {
    const source = ['const xs = [', '{{#each items as x}}', '  {{json x.name}}, // {{int @index}}{{#if @last}} last{{/if}}', '{{/each}}', ']', '{{#unless flag}}', 'no flag', '{{else}}', 'flag', '{{/unless}}', ''].join('\n')
    expect(render(source, { items: [{ name: 'a' }, { name: 'b' }], flag: false })).toBe('const xs = [\n  "a", // 0\n  "b", // 1 last\n]\nno flag\n')
  })

  it('an empty list is false in #if', () => {
    expect(render('{{#if xs}}some{{else}}none{{/if}}', { xs: [] })).toBe('none')
  })

  it('a bare value is a template error with line and column', () => {
    expect(failure(() => compileTemplate('line one\n  x = {{name}}\n', 'f'))).toEqual({ code: 'YJ_TEMPLATE_SYNTAX', line: 2, column: 7 })
  })

  it('unknown encoders, unclosed and mismatched blocks are errors', () => {
    expect(failure(() => compileTemplate('{{raw name}}', 'f')).code).toBe('YJ_TEMPLATE_SYNTAX')
    expect(failure(() => compileTemplate('a\n{{#each xs as x}}\n', 'f'))).toEqual({ code: 'YJ_TEMPLATE_SYNTAX', line: 2, column: 1 })
    expect(failure(() => compileTemplate('{{#if a}}{{/each}}', 'f')).code).toBe('YJ_TEMPLATE_SYNTAX')
  })

  it('a missing value or one its encoder refuses names the tag', () => {
    expect(failure(() => render('\n\n  {{json nothing.here}}', {}))).toEqual({ code: 'YJ_TEMPLATE_SYNTAX', line: 3, column: 3 })
    expect(failure(() => render('{{slug name}}', { name: 'Not A Slug' })).code).toBe('YJ_TEMPLATE_VALUE')
  })

  it('inherited properties are not values', () => {
    expect(failure(() => render('{{json x.constructor}}', { x: {} })).code).toBe('YJ_TEMPLATE_SYNTAX')
  })
})
