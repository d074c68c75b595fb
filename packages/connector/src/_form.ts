/**
 * Old web applications driven through their HTML forms: fields POSTed
 * urlencoded in GBK/GB18030, result pages decoded by their declared charset
 * and read with cheerio.
 */
import type { CheerioAPI } from 'cheerio'
import { decodeText, encodeForm, sniffDeclaredCharset } from './_encoding'
import { LegacyError } from './_errors'
import { charsetOf } from './_http'
import type { CallOptions, FormSystemDefinition, LegacySystem } from './_system'

/**
 * An HTML-form legacy system. Only the settings; the client is made by `serve`.
 * @example legacy: { housing: formSystem({ encoding: 'gb18030' }) }
 */
export function formSystem(options: Omit<FormSystemDefinition, 'protocol'> = {}): FormSystemDefinition {
  return { protocol: 'html-form', ...options }
}

/** A result page: status, decoded HTML and a cheerio root to read it. */
export interface FormPage {
  status: number
  html: string
  $: CheerioAPI
  /** Trimmed text of the first match of `selector`, '' when none. */
  text(selector: string): string
}

// cheerio is loaded on the first form call: most adapters never need it, and it is slow to load.
let cheerio: Promise<typeof import('cheerio')> | undefined

async function page(status: number, html: string): Promise<FormPage> {
  const { load } = await (cheerio ??= import('cheerio'))
  const $ = load(html)
  return { status, html, $, text: (selector) => $(selector).first().text().trim() }
}

export class FormClient {
  readonly #system: LegacySystem
  readonly #defaultIdempotent: boolean
  constructor(system: LegacySystem, defaultIdempotent = false) {
    this.#system = system
    this.#defaultIdempotent = defaultIdempotent
  }

  withIdempotency(idempotent: boolean): FormClient {
    return new FormClient(this.#system, idempotent)
  }

  /**
   * POST `fields` to `path` as the page's form would.
   * @example const p = await legacy.housing.submit('/query.do', { xm: user.name, sfzh: user.idNumber }); p.text('#result .status')
   */
  submit(path: string, fields: Record<string, string | number | undefined>, options: CallOptions = {}): Promise<FormPage> {
    const def = this.#system.definition as FormSystemDefinition
    const encoding = def.encoding ?? 'gbk'
    const body = encodeForm(fields, encoding)
    return this.#send('POST', path, body, options.idempotent ?? this.#defaultIdempotent)
  }

  /** GET a page (idempotent), with query fields encoded like a form. */
  get(path: string, query: Record<string, string | number | undefined> = {}): Promise<FormPage> {
    const def = this.#system.definition as FormSystemDefinition
    const qs = encodeForm(query, def.encoding ?? 'gbk')
    return this.#send('GET', qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path, undefined, true)
  }

  #send(method: 'GET' | 'POST', path: string, body: string | undefined, idempotent: boolean): Promise<FormPage> {
    const def = this.#system.definition as FormSystemDefinition
    const encoding = def.encoding ?? 'gbk'
    const headers: Record<string, string> = { accept: 'text/html', ...def.headers }
    if (body !== undefined) headers['content-type'] = `application/x-www-form-urlencoded; charset=${encoding.toUpperCase()}`
    const id = this.#system.id
    return this.#system.call(async () => {
      const res = await this.#system.transport.request({ method, path, headers, body }, this.#system.timeoutMs)
      if (res.status >= 500) throw new LegacyError({ kind: 'unavailable', system: id, status: res.status, message: `${id} answered HTTP ${res.status}` })
      const html = decodeText(res.body, charsetOf(res.headers['content-type']) ?? sniffDeclaredCharset(res.body) ?? encoding)
      if (res.status >= 400) throw new LegacyError({ kind: 'rejected', system: id, status: res.status, message: `${id} answered HTTP ${res.status}` })
      return page(res.status, html)
    }, idempotent)
  }
}
