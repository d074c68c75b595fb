import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  constantTimeEqual,
  hmacSha256,
  hmacSm3,
  md5,
  md5Concat,
  sha256,
  sha256Concat,
  sm3,
  sm4DecryptCbc,
  sm4DecryptEcb,
  sm4EncryptCbc,
  sm4EncryptEcb,
} from './index'

const hex = (h: string) => Buffer.from(h, 'hex')

describe('SM3 (GB/T 32905-2016)', () => {
  it('hashes "abc" to the standard example A.1', () => {
    expect(sm3('abc').toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0')
  })

  it('hashes the 512-bit "abcd" × 16 to the standard example A.2', () => {
    expect(sm3('abcd'.repeat(16)).toString('hex')).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732')
  })

  it('treats a string as UTF-8, the same as its bytes', () => {
    expect(sm3('政务').equals(sm3(Buffer.from('政务', 'utf8')))).toBe(true)
  })
})

/** HMAC per RFC 2104 built on our SM3, independent of the library's own HMAC mode. */
function referenceHmacSm3(key: Buffer, data: Buffer): Buffer {
  const block = 64
  const k = Buffer.alloc(block)
  ;(key.length > block ? sm3(key) : key).copy(k)
  const ipad = Buffer.from(k.map((b) => b ^ 0x36))
  const opad = Buffer.from(k.map((b) => b ^ 0x5c))
  return sm3(Buffer.concat([opad, sm3(Buffer.concat([ipad, data]))]))
}

describe('HMAC-SM3', () => {
  it('matches the RFC 2104 construction over SM3 for short and long keys', () => {
    const data = Buffer.from('POST\n/api/licence\n1709280000\n', 'utf8')
    for (const key of [Buffer.from('dept-secret'), Buffer.alloc(64, 7), Buffer.alloc(100, 0xab)]) {
      expect(hmacSm3(key, data).toString('hex')).toBe(referenceHmacSm3(key, data).toString('hex'))
    }
  })

  it('depends on the key', () => {
    expect(hmacSm3('k1', 'm').equals(hmacSm3('k2', 'm'))).toBe(false)
    expect(hmacSm3('k1', 'm')).toHaveLength(32)
  })
})

describe('SM4 (GB/T 32907-2016)', () => {
  const key = hex('0123456789abcdeffedcba9876543210')

  it('encrypts the standard example block in ECB and decrypts it back', () => {
    const cipher = sm4EncryptEcb(key, key, { padding: 'none' })
    expect(cipher.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246')
    expect(sm4DecryptEcb(cipher, key, { padding: 'none' }).toString('hex')).toBe('0123456789abcdeffedcba9876543210')
  })

  it('reaches the standard 1,000,000-times encryption result', () => {
    // GB/T 32907 example 2: encrypt the plaintext with the same key a million times (about 6 s).
    let block: Uint8Array = key
    for (let i = 0; i < 1_000_000; i++) block = sm4EncryptEcb(block, key, { padding: 'none' })
    expect(Buffer.from(block).toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66')
  })

  it('pads with PKCS#7 by default: one full block grows by a padding block', () => {
    const cipher = sm4EncryptEcb(key, key)
    expect(cipher).toHaveLength(32)
    expect(cipher.subarray(0, 16).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246')
    expect(sm4DecryptEcb(cipher, key).equals(key)).toBe(true)
    expect(sm4DecryptEcb(sm4EncryptEcb('姓名：张三', key), key).toString('utf8')).toBe('姓名：张三')
  })

  it('chains CBC blocks as C1 = E(P1 ⊕ IV), C2 = E(P2 ⊕ C1)', () => {
    const iv = hex('000102030405060708090a0b0c0d0e0f')
    const p1 = hex('0123456789abcdeffedcba9876543210')
    const p2 = hex('00112233445566778899aabbccddeeff')
    const xor = (a: Buffer, b: Buffer) => Buffer.from(a.map((x, i) => x ^ b[i]!))
    const c1 = sm4EncryptEcb(xor(p1, iv), key, { padding: 'none' })
    const c2 = sm4EncryptEcb(xor(p2, c1), key, { padding: 'none' })
    const cbc = sm4EncryptCbc(Buffer.concat([p1, p2]), key, iv, { padding: 'none' })
    expect(cbc.toString('hex')).toBe(Buffer.concat([c1, c2]).toString('hex'))
    expect(sm4DecryptCbc(cbc, key, iv, { padding: 'none' }).toString('hex')).toBe(Buffer.concat([p1, p2]).toString('hex'))
  })

  it('with a zero IV, the first CBC block equals ECB (the standard example again)', () => {
    expect(sm4EncryptCbc(key, key, Buffer.alloc(16), { padding: 'none' }).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246')
  })

  it('round-trips text of any length in CBC with padding', () => {
    const iv = Buffer.alloc(16, 9)
    const text = '{"idNumber":"11010519491231002X","mobile":"13812345678"}'
    const cipher = sm4EncryptCbc(text, key, iv)
    expect(cipher.length % 16).toBe(0)
    expect(sm4DecryptCbc(cipher, key, iv).toString('utf8')).toBe(text)
  })

  it('refuses keys and IVs that are not 16 bytes, and unpadded partial blocks', () => {
    expect(() => sm4EncryptEcb('x', Buffer.alloc(15))).toThrow(RangeError)
    expect(() => sm4EncryptCbc('x', key, Buffer.alloc(8))).toThrow(RangeError)
    expect(() => sm4EncryptEcb(Buffer.alloc(15), key, { padding: 'none' })).toThrow(RangeError)
  })
})

describe('SHA-2 / MD5 family', () => {
  it('computes HMAC-SHA256 as in RFC 4231 test case 2', () => {
    expect(hmacSha256('Jefe', 'what do ya want for nothing?').toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
  })

  it('concatenates before hashing, as old gateways do', () => {
    expect(sha256('abc').toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256Concat('a', 'b', 'c')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(md5Concat('a', 'bc')).toBe('900150983cd24fb0d6963f7d28e17f72')
    expect(md5('').toString('hex')).toBe('d41d8cd98f00b204e9800998ecf8427e')
  })

  it('agrees with node:crypto on non-ASCII input', () => {
    const s = '保定市人社局'
    expect(sha256Concat(s, '1')).toBe(createHash('sha256').update(`${s}1`, 'utf8').digest('hex'))
    expect(hmacSha256('密钥', s).equals(createHmac('sha256', Buffer.from('密钥')).update(s).digest())).toBe(true)
  })
})

describe('constantTimeEqual', () => {
  it('is true only for identical bytes and false (not a throw) for different lengths', () => {
    expect(constantTimeEqual(hex('00ff'), hex('00ff'))).toBe(true)
    expect(constantTimeEqual(hex('00ff'), hex('00fe'))).toBe(false)
    expect(constantTimeEqual(hex('00ff'), hex('00ff00'))).toBe(false)
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true)
  })
})
