export { ENCODERS, RESERVED_WORDS, compileTemplate, toIdentifier, type CompiledTemplate } from './_engine'
export { diffLines, hasConflictMarkers, merge3, splitLines, type MergeLabels, type MergeResult } from './_diff3'
export {
  checkAnswer,
  coerceAnswer,
  FIELD_TYPES,
  IDENTITY_KINDS,
  parseSetFlags,
  pathParameters,
  PERSONAL_KINDS,
  readAnswersFile,
  resolveAnswers,
  soapOperationName,
  type AnswerLayer,
  type AnswerOrigin,
  type AnswerProblem,
  type Answers,
  type AnswersFile,
  type FieldAnswer,
  type OperationAnswer,
  type ResolvedAnswers,
} from './_answers'
export { compileTemplateFiles, findTemplate, listTemplates, loadTemplate, TEMPLATE_FOR_PROTOCOL, TEMPLATES_DIR, type AdapterTemplate, type ParameterType, type ParameterValidation, type TemplateParameter, type TemplateProtocol } from './_template'
export { answersFromInterface, type InterfaceAnswers } from './_interface'
export { profileFacts, type ProfileFacts } from './_profile'
export { buildView, legacyUrlEnvName, platformEnvName, SAMPLE_USER, type OperationView, type TemplateView } from './_view'
export { connectorDependency, workspaceConnector, type WorkspaceConnector } from './_connector'
export { BASE_FILE, MANIFEST_FILE, readBase, readManifest, sha256, type Manifest } from './_manifest'
export { newAdapter, renderAdapter, updateAdapter, type AskAnswers, type FileAction, type FileActionKind, type NewAdapterOptions, type ScaffoldResult, type UpdateAdapterOptions } from './_generate'
export { promptAnswers, promptTemplate, type PromptIO } from './_prompt'
export { isScaffoldError, ScaffoldError } from './_errors'
