import { describe, expect, it } from 'vitest'
import { CircuitBreaker } from './index'

describe('circuit breaker', () => {
  it('opens after N consecutive failures, refuses while open, lets one probe through after the reset time', () => {
    let now = 0
    const b = new CircuitBreaker({ failureThreshold: 3, resetAfterMs: 1000 }, () => now)
    for (let i = 0; i < 2; i++) {
      expect(b.tryAcquire()).toBe(true)
      b.onFailure()
    }
    expect(b.state).toBe('closed')
    expect(b.tryAcquire()).toBe(true)
    b.onFailure()
    expect(b.state).toBe('open')
    expect(b.tryAcquire()).toBe(false)
    now = 999
    expect(b.tryAcquire()).toBe(false)
    now = 1000
    expect(b.state).toBe('half-open')
    expect(b.tryAcquire()).toBe(true) // the probe
    expect(b.tryAcquire()).toBe(false) // only one at a time
    b.onSuccess()
    expect(b.state).toBe('closed')
    expect(b.tryAcquire()).toBe(true)
  })

  it('a failed probe opens the circuit again for another full period', () => {
    let now = 0
    const b = new CircuitBreaker({ failureThreshold: 1, resetAfterMs: 500 }, () => now)
    b.tryAcquire()
    b.onFailure()
    now = 600
    expect(b.tryAcquire()).toBe(true)
    b.onFailure()
    expect(b.state).toBe('open')
    now = 1000
    expect(b.tryAcquire()).toBe(false)
    now = 1100
    expect(b.tryAcquire()).toBe(true)
  })

  it('a success in between resets the count: failures must be consecutive', () => {
    const b = new CircuitBreaker({ failureThreshold: 2 })
    b.onFailure()
    b.onSuccess()
    b.onFailure()
    expect(b.state).toBe('closed')
    b.onFailure()
    expect(b.state).toBe('open')
  })
})
