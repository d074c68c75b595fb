/**
 * A throwaway certificate authority for the demo's simulated websites (and
 * the tests' ones): a CA and leaf certificates for `.invalid` host names,
 * made with node:crypto alone so neither the demo nor the tests need
 * `openssl` on the machine. Nothing here is meant for a real server.
 *
 * X.509 is DER: a handful of tag-length-value encoders is all it takes.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'
import { isIP } from 'node:net'

const DAY_MS = 86_400_000

export interface CertificateAuthority {
  /** PEM of the CA certificate: give it to the client as its trusted CA. */
  certPem: string
  keyPem: string
  name: string
}

export interface IssuedCertificate {
  certPem: string
  keyPem: string
  notBefore: Date
  notAfter: Date
}

export interface IssueOptions {
  /** DNS names (and IP addresses) the certificate is for. */
  hosts: readonly string[]
  /** Days from now until it expires; negative for an expired one. @default 365 */
  validDays?: number
  /** Common name of the subject. @default the first host */
  commonName?: string
}

/** A new CA (ECDSA P-256, SHA-256), valid for ten years from yesterday. */
export function createCertificateAuthority(name = 'Yingjie Demo CA (not trusted anywhere)'): CertificateAuthority {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const subject = distinguishedName(name)
  const now = Date.now()
  const der = certificate({
    subject,
    issuer: subject,
    publicKey,
    signingKey: privateKey,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 3650 * DAY_MS),
    extensions: [basicConstraints(true), keyUsage(true)],
  })
  return { certPem: pem('CERTIFICATE', der), keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), name }
}

/** A leaf certificate for `hosts`, signed by `ca`. */
export function issueCertificate(ca: CertificateAuthority, options: IssueOptions): IssuedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const now = Date.now()
  const validDays = options.validDays ?? 365
  const notBefore = new Date(now - Math.max(1, -validDays + 1) * DAY_MS)
  const notAfter = new Date(now + validDays * DAY_MS)
  const der = certificate({
    subject: distinguishedName(options.commonName ?? options.hosts[0] ?? 'localhost'),
    issuer: distinguishedName(ca.name),
    publicKey,
    signingKey: createPrivateKey(ca.keyPem),
    notBefore,
    notAfter,
    extensions: [basicConstraints(false), keyUsage(false), subjectAltName(options.hosts)],
  })
  return { certPem: pem('CERTIFICATE', der), keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), notBefore, notAfter }
}

interface CertificateFields {
  subject: Buffer
  issuer: Buffer
  publicKey: KeyObject
  signingKey: KeyObject
  notBefore: Date
  notAfter: Date
  extensions: Buffer[]
}

// ecdsa-with-SHA256, without parameters (RFC 5758).
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'))

function certificate(f: CertificateFields): Buffer {
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(randomBytes(16)),
    ECDSA_SHA256,
    f.issuer,
    seq(time(f.notBefore), time(f.notAfter)),
    f.subject,
    f.publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(...f.extensions)),
  )
  const signature = sign('sha256', tbs, f.signingKey) // DER-encoded ECDSA signature
  return seq(tbs, ECDSA_SHA256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])))
}

function distinguishedName(commonName: string): Buffer {
  return seq(set(seq(oid('2.5.4.10'), tlv(0x0c, Buffer.from('yingjie demo', 'utf8')))), set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))))
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [tlv(0x01, Buffer.from([0xff]))] : []), tlv(0x04, value))
}

function basicConstraints(ca: boolean): Buffer {
  return extension('2.5.29.19', true, ca ? seq(tlv(0x01, Buffer.from([0xff]))) : seq())
}

function keyUsage(ca: boolean): Buffer {
  // digitalSignature (bit 0) for a leaf; keyCertSign (5) and cRLSign (6) for a CA.
  return extension('2.5.29.15', true, tlv(0x03, ca ? Buffer.from([1, 0x06]) : Buffer.from([7, 0x80])))
}

function subjectAltName(hosts: readonly string[]): Buffer {
  const names = hosts.map((h) => {
    const family = isIP(h)
    if (family === 4) return tlv(0x87, Buffer.from(h.split('.').map(Number)))
    if (family === 6) throw new Error('IPv6 subject names are not supported by the demo CA')
    return tlv(0x82, Buffer.from(h, 'ascii'))
  })
  return extension('2.5.29.17', false, seq(...names))
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) // YYYYMMDDhhmmss
  // RFC 5280: UTCTime through 2049, GeneralizedTime from 2050.
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`))
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number)
  const bytes = [parts[0]! * 40 + parts[1]!]
  for (const n of parts.slice(2)) {
    const chunk = [n & 0x7f]
    for (let v = n >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

function integer(bytes: Buffer): Buffer {
  let b = bytes
  while (b.length > 1 && b[0] === 0 && b[1]! < 0x80) b = b.subarray(1)
  return tlv(0x02, b[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b)
}

function seq(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items))
}

function set(...items: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(items))
}

function tlv(tag: number, value: Buffer): Buffer {
  const n = value.length
  let length: number[]
  if (n < 0x80) length = [n]
  else {
    const bytes: number[] = []
    for (let v = n; v > 0; v >>>= 8) bytes.unshift(v & 0xff)
    length = [0x80 | bytes.length, ...bytes]
  }
  return Buffer.concat([Buffer.from([tag, ...length]), value])
}

function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n')
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`
}
