/**
 * The org's release public keys pinned into the app (base64 raw Ed25519, 44 characters), as
 * `npm run release:keygen` prints them. Empty in this repository on purpose: no one here holds a
 * release private key, so a build made from it cannot verify (and never installs) an update until
 * the org adds its key here on the build machine — or pins one with the `releaseKey` policy.
 */
export const BUILT_IN_RELEASE_KEYS: readonly string[] = [];
