/**
 * Production entry: serve the adapter with configuration from the
 * environment (see .env.example), stop cleanly on SIGTERM (systemd, Docker).
 */
import { serve } from '@yingjie/connector'
import adapter from './adapter.js'

const NAME = {{json adapter.name}}

try {
  const running = await serve(adapter, { port: Number(process.env.PORT) || {{int adapter.port}}, host: process.env.HOST || '127.0.0.1' })
  console.log(`${NAME} listening on ${running.url}`)
  const stop = () => {
    running
      .close()
      .catch(() => undefined)
      .finally(() => process.exit(0))
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
} catch (error) {
  // Configuration mistakes (a missing environment variable) come with a message and a fix.
  const found = (error as { finding?: { message: { zh: string }; hint: { zh: string } } }).finding
  if (!found) throw error
  console.error(`启动失败：${found.message.zh}\n处理：${found.hint.zh}`)
  process.exit(1)
}
