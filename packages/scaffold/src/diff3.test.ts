import { describe, expect, it } from 'vitest'
import { diffLines, hasConflictMarkers, merge3, splitLines } from './_diff3'

const labels = { ours: 'ours', base: 'base', theirs: 'theirs' }
const lines = (...xs: string[]) => xs.map((x) => `${x}\n`).join('')

describe('diffLines', () => {
  it('finds the changed stretches', () => {
    expect(diffLines(splitLines(lines('a', 'b', 'c')), splitLines(lines('a', 'x', 'c', 'd')))).toEqual([
      { baseStart: 1, baseEnd: 2, sideStart: 1, sideEnd: 2 },
      { baseStart: 3, baseEnd: 3, sideStart: 3, sideEnd: 4 },
    ])
    expect(diffLines(['a\n'], ['a\n'])).toEqual([])
  })
})

describe('merge3: the developer edited a generated file, the template changed too', () => {
  const base = lines('header', 'one', 'two', 'three', 'four', 'five', 'footer')

  it('edits in different places both arrive, without markers', () => {
    const ours = lines('header', 'one', 'TWO (mine)', 'three', 'four', 'five', 'footer')
    const theirs = lines('header (template 1.1)', 'one', 'two', 'three', 'four', 'five', 'footer', 'added by template')
    const r = merge3(base, ours, theirs, labels)
    expect(r.conflicts).toBe(0)
    expect(r.text).toBe(lines('header (template 1.1)', 'one', 'TWO (mine)', 'three', 'four', 'five', 'footer', 'added by template'))
  })

  it('edits on adjacent lines are not a conflict', () => {
    const r = merge3(base, lines('header', 'ONE', 'two', 'three', 'four', 'five', 'footer'), lines('header', 'one', 'TWO', 'three', 'four', 'five', 'footer'), labels)
    expect(r).toEqual({ text: lines('header', 'ONE', 'TWO', 'three', 'four', 'five', 'footer'), conflicts: 0 })
  })

  it('the same change on both sides is taken once', () => {
    const same = lines('header', 'one', 'two', 'THREE', 'four', 'five', 'footer')
    expect(merge3(base, same, same, labels)).toEqual({ text: same, conflicts: 0 })
  })

  it('different changes to the same lines: markers around that region only', () => {
    const ours = lines('header', 'one', 'two', 'mine', 'four', 'five', 'footer (mine)')
    const theirs = lines('header', 'one', 'two', 'theirs', 'four', 'five', 'footer')
    const r = merge3(base, ours, theirs, labels)
    expect(r.conflicts).toBe(1)
    expect(r.text).toBe(lines('header', 'one', 'two', '<<<<<<< ours', 'mine', '||||||| base', 'three', '=======', 'theirs', '>>>>>>> theirs', 'four', 'five', 'footer (mine)'))
    expect(hasConflictMarkers(r.text)).toBe(true)
  })

  it('a deletion against an edit of the same line conflicts', () => {
    const r = merge3(base, lines('header', 'one', 'three', 'four', 'five', 'footer'), lines('header', 'one', 'two!', 'three', 'four', 'five', 'footer'), labels)
    expect(r.conflicts).toBe(1)
  })

  it('two insertions at the same place conflict unless equal', () => {
    const ins = (x: string) => lines('header', x, 'one', 'two', 'three', 'four', 'five', 'footer')
    expect(merge3(base, ins('a'), ins('b'), labels).conflicts).toBe(1)
    expect(merge3(base, ins('a'), ins('a'), labels)).toEqual({ text: ins('a'), conflicts: 0 })
  })

  it('keeps CRLF when the developer uses it', () => {
    const ours = lines('header', 'one', 'two (mine)', 'three', 'four', 'five', 'footer').replace(/\n/g, '\r\n')
    const theirs = lines('header', 'one', 'two', 'three', 'four', 'five', 'footer (1.1)')
    const r = merge3(base, ours, theirs, labels)
    expect(r).toEqual({ text: lines('header', 'one', 'two (mine)', 'three', 'four', 'five', 'footer (1.1)').replace(/\n/g, '\r\n'), conflicts: 0 })
  })

  it('a missing final newline is an ordinary difference', () => {
    expect(merge3('a\nb\n', 'a\nb', 'A\nb\n', labels)).toEqual({ text: 'A\nb', conflicts: 0 })
    const r = merge3('a\n', 'a\nmine', 'a\ntheirs', labels)
    expect(r.conflicts).toBe(1)
    expect(r.text).toBe('a\n<<<<<<< ours\nmine\n||||||| base\n=======\ntheirs\n>>>>>>> theirs\n')
  })

  it('against an empty base (a file of the developer where the template now puts one) everything differing conflicts', () => {
    expect(merge3('', 'x\n', 'y\n', labels).conflicts).toBe(1)
    expect(merge3('', 'x\n', 'x\n', labels)).toEqual({ text: 'x\n', conflicts: 0 })
  })
})
