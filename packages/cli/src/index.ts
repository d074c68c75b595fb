export { main, version, type MainIO } from './_main'
export { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './_table'
export { UsageError, type CommandContext, type Output } from './_context'
