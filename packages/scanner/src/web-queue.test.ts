import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { HostScheduler } from './_web-queue'

/** Run tasks and record the most in flight at once, overall and per host. */
async function peaks(scheduler: HostScheduler, hosts: string[]) {
  let now = 0
  let peak = 0
  const perHost = new Map<string, number>()
  const perHostPeak = new Map<string, number>()
  await Promise.all(
    hosts.map((host) =>
      scheduler.run(host, async () => {
        now++
        perHost.set(host, (perHost.get(host) ?? 0) + 1)
        peak = Math.max(peak, now)
        perHostPeak.set(host, Math.max(perHostPeak.get(host) ?? 0, perHost.get(host)!))
        await sleep(5)
        now--
        perHost.set(host, perHost.get(host)! - 1)
      }),
    ),
  )
  return { peak, perHostPeak }
}

describe('two-level scheduling', () => {
  it('never more than the global limit in flight, nor more than the per-host limit to one host', async () => {
    const hosts = Array.from({ length: 60 }, (_, i) => `h${i % 6}.invalid`)
    const { peak, perHostPeak } = await peaks(new HostScheduler({ concurrency: 8, perHostConcurrency: 2, perHostRate: 0 }), hosts)
    expect(peak).toBeLessThanOrEqual(8)
    expect(peak).toBeGreaterThan(2) // hosts do run side by side
    for (const p of perHostPeak.values()) expect(p).toBeLessThanOrEqual(2)
  })

  it('host names are case-insensitive', async () => {
    const { perHostPeak } = await peaks(new HostScheduler({ perHostConcurrency: 1, perHostRate: 0 }), ['A.invalid', 'a.invalid', 'a.INVALID'])
    expect([...perHostPeak.values()].every((p) => p === 1)).toBe(true)
  })

  it('a rate-limited host does not hold up the others', async () => {
    const scheduler = new HostScheduler({ perHostRate: 1 }) // one start per second per host
    const order: string[] = []
    const slow = [1, 2, 3].map((i) => scheduler.run('slow.invalid', async () => void order.push(`slow${i}`)))
    const fast = scheduler.run('fast.invalid', async () => void order.push('fast'))
    await fast
    // The fast host ran while the slow host's second start was still waiting for its interval.
    expect(order).toEqual(['slow1', 'fast'])
    scheduler.clear()
    await Promise.race([Promise.allSettled(slow), sleep(10)])
  })

  it('defaults: 32 in all, 4 per host, 8 per second per host; nonsense falls back', () => {
    const s = new HostScheduler({ concurrency: 0, perHostConcurrency: Number.NaN })
    expect([s.concurrency, s.perHostConcurrency, s.perHostRate]).toEqual([32, 4, 8])
  })

  it('an aborted signal drops tasks that have not started', async () => {
    const scheduler = new HostScheduler({ perHostConcurrency: 1, perHostRate: 0 })
    const controller = new AbortController()
    let ran = 0
    const first = scheduler.run('a.invalid', async () => {
      ran++
      await sleep(20)
    }, controller.signal)
    const second = scheduler.run('a.invalid', async () => void ran++, controller.signal)
    controller.abort(new Error('stop'))
    // The waiting task rejects at once; the running one is left to honour the signal itself.
    await expect(second).rejects.toThrow('stop')
    await first
    expect(ran).toBe(1)
  })

  it('aborting with a rate limit does not wait out the intervals', async () => {
    const scheduler = new HostScheduler({ perHostConcurrency: 1, perHostRate: 1 })
    const controller = new AbortController()
    const tasks = Array.from({ length: 50 }, () => scheduler.run('a.invalid', async () => undefined, controller.signal))
    controller.abort(new Error('stop'))
    // 50 starts at one a second would take most of a minute; this resolves at once.
    const settled = await Promise.allSettled(tasks)
    expect(settled.filter((s) => s.status === 'rejected').length).toBeGreaterThanOrEqual(49)
  })
})
