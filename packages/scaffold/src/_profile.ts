/**
 * What templates need from an access-spec profile: the platform's name,
 * the entry credential, the identity configuration (hence the environment
 * variables) and whether identity calls are signed.
 *
 * A shipped profile is read straight from its YAML with the model's reader.
 * The full `loadProfile` compiles the profile schema and merges the
 * capability map: about 0.6 s of CPU, more than the rest of `adapter new`
 * together, which must finish in under a second. Shipped profiles are
 * checked by spec's own tests, and every adapter validates its profile when
 * it starts (the conformance kit too). A city's own profile file goes
 * through `loadProfile`, with all its findings.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readYamlFile } from '@yingjie/model'

export interface ProfileFacts {
  id: string
  /** 冀时办 */
  platformName: string
  /** Query parameter carrying the platform's credential, e.g. `accessLink`. */
  credentialParam: string
  /** Configuration the platform issues (`appId`, `appPassword`), one environment variable each. */
  identityConfig: string[]
  /** Identity calls are signed: the adapter needs the platform's AK/SK too. */
  signedIdentity: boolean
}

interface ProfileShape {
  metadata?: { id?: string }
  spec?: {
    platform?: { name?: { zh?: string } }
    identity?: { entry?: { param?: string }; config?: string[]; steps?: { request?: { signed?: boolean } }[] }
  }
}

function shippedProfilesDir(): string | undefined {
  // The spec package's profiles/ folder, found without loading the package.
  try {
    let dir = dirname(fileURLToPath(import.meta.resolve('@yingjie/spec')))
    for (let i = 0; i < 3; i++, dir = dirname(dir)) if (existsSync(join(dir, 'profiles'))) return join(dir, 'profiles')
  } catch {
    // Not resolvable this way (a bundler); fall back to loadProfile.
  }
  return undefined
}

export async function profileFacts(ref: string, cwd?: string): Promise<ProfileFacts> {
  const shipped = /^[a-z0-9][a-z0-9-]*$/.test(ref) ? shippedProfilesDir() : undefined
  const file = shipped ? join(shipped, `${ref}.yaml`) : undefined
  if (file && existsSync(file)) {
    const parsed = await readYamlFile(file)
    const value = (parsed.documents[0]?.value ?? {}) as ProfileShape
    const identity = value.spec?.identity
    if (parsed.findings.length === 0 && value.spec?.platform?.name?.zh && identity?.entry?.param) {
      return {
        id: value.metadata?.id ?? ref,
        platformName: value.spec.platform.name.zh,
        credentialParam: identity.entry.param,
        identityConfig: identity.config ?? [],
        signedIdentity: (identity.steps ?? []).some((s) => s.request?.signed === true),
      }
    }
  }
  // A city's own file, an unknown id (for the did-you-mean), or anything unexpected: the full load.
  const { loadProfile } = await import('@yingjie/spec')
  const profile = await loadProfile(ref, cwd ? { cwd } : {})
  return {
    id: profile.id,
    platformName: profile.platform.name.zh,
    credentialParam: profile.identity.entry.param,
    identityConfig: profile.identity.config ?? [],
    signedIdentity: profile.identity.steps.some((s) => s.request.signed),
  }
}
