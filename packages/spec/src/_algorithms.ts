/**
 * Digest, MAC and cipher primitives used by profiles. The SHA/MD5 family
 * comes from node:crypto; SM3 and SM4 (国密, GB/T 32905 and GB/T 32907) from
 * sm-crypto-v2, which builds on the audited @noble libraries.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { sm3 as sm3Hex, sm4 } from 'sm-crypto-v2'
import type { SignatureOutput, SigningAlgorithm } from './_types'

/** Bytes, or text taken as UTF-8. */
export type BytesLike = Uint8Array | string

function bytes(input: BytesLike): Buffer {
  return typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input.buffer, input.byteOffset, input.byteLength)
}

/** HMAC-SHA256 of `data` under `key`. */
export function hmacSha256(key: BytesLike, data: BytesLike): Buffer {
  return createHmac('sha256', bytes(key)).update(bytes(data)).digest()
}

export function sha256(data: BytesLike): Buffer {
  return createHash('sha256').update(bytes(data)).digest()
}

export function md5(data: BytesLike): Buffer {
  return createHash('md5').update(bytes(data)).digest()
}

/**
 * SHA-256 of the parts joined without separator, as lowercase hex: the
 * "concatenate then hash" signatures of gateways such as Guangdong's TIF.
 * @example sha256Concat(ts, token, nonce, ts)
 */
export function sha256Concat(...parts: string[]): string {
  return sha256(parts.join('')).toString('hex')
}

/**
 * MD5 of the parts joined without separator, as lowercase hex. Only for old
 * gateways that still require it; MD5 is not collision resistant.
 */
export function md5Concat(...parts: string[]): string {
  return md5(parts.join('')).toString('hex')
}

/** SM3 digest (GB/T 32905-2016), 32 bytes. */
export function sm3(data: BytesLike): Buffer {
  return Buffer.from(sm3Hex(new Uint8Array(bytes(data))), 'hex')
}

/** HMAC with SM3 as the hash (RFC 2104 construction, 64-byte block). */
export function hmacSm3(key: BytesLike, data: BytesLike): Buffer {
  return Buffer.from(sm3Hex(new Uint8Array(bytes(data)), { key: new Uint8Array(bytes(key)), mode: 'hmac' }), 'hex')
}

/** Options for the SM4 functions. */
export interface Sm4Options {
  /**
   * Block padding. `none` requires input whose length is a multiple of 16.
   * @default 'pkcs7'
   */
  padding?: 'pkcs7' | 'none'
}

function sm4Key(key: Uint8Array, what: string): Uint8Array {
  if (key.byteLength !== 16) throw new RangeError(`SM4 ${what} must be 16 bytes, got ${key.byteLength}`)
  return new Uint8Array(key)
}

function sm4Padding(options: Sm4Options): 'pkcs#7' | 'none' {
  return options.padding === 'none' ? 'none' : 'pkcs#7'
}

function checkBlocks(data: Buffer, options: Sm4Options): void {
  if (options.padding === 'none' && data.byteLength % 16 !== 0) {
    throw new RangeError(`SM4 without padding needs a multiple of 16 bytes, got ${data.byteLength}`)
  }
}

/**
 * SM4 (GB/T 32907-2016) in ECB mode. ECB leaks equal blocks; use it only where
 * a platform prescribes it.
 */
export function sm4EncryptEcb(plain: BytesLike, key: Uint8Array, options: Sm4Options = {}): Buffer {
  const data = bytes(plain)
  checkBlocks(data, options)
  return Buffer.from(sm4.encrypt(new Uint8Array(data), sm4Key(key, 'key'), { mode: 'ecb', padding: sm4Padding(options), output: 'array' }))
}

export function sm4DecryptEcb(cipher: Uint8Array, key: Uint8Array, options: Sm4Options = {}): Buffer {
  const data = bytes(cipher)
  checkBlocks(data, { padding: 'none' })
  return Buffer.from(sm4.decrypt(new Uint8Array(data), sm4Key(key, 'key'), { mode: 'ecb', padding: sm4Padding(options), output: 'array' }))
}

/** SM4 in CBC mode with a 16-byte IV. */
export function sm4EncryptCbc(plain: BytesLike, key: Uint8Array, iv: Uint8Array, options: Sm4Options = {}): Buffer {
  const data = bytes(plain)
  checkBlocks(data, options)
  return Buffer.from(
    sm4.encrypt(new Uint8Array(data), sm4Key(key, 'key'), { mode: 'cbc', iv: sm4Key(iv, 'IV'), padding: sm4Padding(options), output: 'array' }),
  )
}

export function sm4DecryptCbc(cipher: Uint8Array, key: Uint8Array, iv: Uint8Array, options: Sm4Options = {}): Buffer {
  const data = bytes(cipher)
  checkBlocks(data, { padding: 'none' })
  return Buffer.from(
    sm4.decrypt(new Uint8Array(data), sm4Key(key, 'key'), { mode: 'cbc', iv: sm4Key(iv, 'IV'), padding: sm4Padding(options), output: 'array' }),
  )
}

/**
 * Compare two byte strings without leaking where they differ. Lengths are
 * compared first: a digest's length is public, and timingSafeEqual throws on
 * unequal lengths.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  return timingSafeEqual(a, b)
}

/** The raw digest a signing algorithm produces. HMACs take the secret as key; plain digests expect it inside the message. */
export function signatureDigest(algorithm: SigningAlgorithm, secret: string, message: string): Buffer {
  switch (algorithm) {
    case 'hmac-sha256':
      return hmacSha256(secret, message)
    case 'hmac-sm3':
      return hmacSm3(secret, message)
    case 'sha256':
      return sha256(message)
    case 'md5':
      return md5(message)
    case 'sm3':
      return sm3(message)
  }
}

export function isKeyedAlgorithm(algorithm: SigningAlgorithm): boolean {
  return algorithm === 'hmac-sha256' || algorithm === 'hmac-sm3'
}

export function encodeSignature(digest: Uint8Array, output: SignatureOutput): string {
  const buf = bytes(digest)
  if (output === 'base64') return buf.toString('base64')
  const hex = buf.toString('hex')
  return output === 'hex-upper' ? hex.toUpperCase() : hex
}

/**
 * Bytes of a received signature, or undefined when it is not well-formed in
 * the profile's encoding. Hex is accepted in either case: platforms' sample
 * code differs on it and the bytes are what matter.
 */
export function decodeSignature(text: string, output: SignatureOutput): Buffer | undefined {
  if (output === 'base64') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0 || text.length === 0) return undefined
    return Buffer.from(text, 'base64')
  }
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(text)) return undefined
  return Buffer.from(text, 'hex')
}
