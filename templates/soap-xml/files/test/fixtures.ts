/** What the tests share: a fictional platform user, as the connector hands it to operations. */
import type { User } from '../src/fields.js'

export const USER: User = { kind: 'person', name: {{json sampleUser.name}}, idType: 'resident-id', idNumber: {{json sampleUser.idNumber}}, phone: {{json sampleUser.phone}}, realNameLevel: 'face' }

/** A logger that drops everything, for calling handlers directly. */
export const SILENT_LOG = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child: () => SILENT_LOG }
