/**
 * `npm run release:check -- <resources dir> [win32|darwin|linux]` on the build machine after
 * `npm run dist`: fails when app-update.yml lacks publisherName (Windows), the app is not in ASAR
 * or sqlite3 is not unpacked. Fuses are read back separately: `npx @electron/fuses read --app …`.
 */
import { checkPackagedResources } from './release';

const [resourcesDir, platform = process.platform] = process.argv.slice(2);
if (!resourcesDir) {
  console.error('usage: npm run release:check -- dist/win-unpacked/resources win32');
  process.exit(2);
}
const problems = checkPackagedResources(resourcesDir, platform as NodeJS.Platform);
for (const problem of problems) console.error(`✖ ${problem}`);
if (problems.length === 0) console.log(`✔ ${resourcesDir}: app-update.yml, ASAR and unpacked native modules are in order`);
process.exit(problems.length > 0 ? 1 : 0);
