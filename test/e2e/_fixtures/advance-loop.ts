// Child process for the kill -9 test: advances channels of one Migration file
// one stage at a time, forever, printing "ACK <channel> <stage>" only after
// each write has returned. The test kills it at random moments.
import { advanceChannel, pathFor } from '@yingjie/cutover'
import { loadInventory, type Stage } from '@yingjie/model'

const root = process.argv[2]!
for (;;) {
  const inv = await loadInventory(root)
  if (inv.findings.length > 0) {
    console.error(`BROKEN ${JSON.stringify(inv.findings)}`)
    process.exit(3)
  }
  let next: { channel: string; stage: Stage; count: number } | undefined
  for (const e of inv.entities) {
    if (e.kind !== 'Migration') continue
    const events = e.spec.events ?? []
    const path = pathFor('connect')
    const at = events.length === 0 ? -1 : path.indexOf(events[events.length - 1]!.stage)
    if (at + 1 >= path.length) continue
    if (!next || events.length < next.count) next = { channel: e.spec.channel, stage: path[at + 1]!, count: events.length }
  }
  if (!next) {
    console.log('DONE')
    process.exit(0)
  }
  await advanceChannel(root, { channel: next.channel, stage: next.stage, date: '2022-06-01', by: `pid ${process.pid}` })
  console.log(`ACK ${next.channel} ${next.stage}`)
}
