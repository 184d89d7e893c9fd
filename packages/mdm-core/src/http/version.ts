import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function readPackage(): { name: string; version: string } {
  // src/http and dist/http are both two levels below the package root.
  const raw: unknown = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
  );
  const pkg = raw as { name?: unknown; version?: unknown };
  return {
    name: typeof pkg.name === 'string' ? pkg.name : '@mdm-graph/mdm-core',
    version: typeof pkg.version === 'string' ? pkg.version : '0.0.0',
  };
}

const pkg = readPackage();

export const MDM_CORE_VERSION = pkg.version;
/** Default User-Agent: names the package and version so vendors can identify the integration. */
export const MDM_CORE_USER_AGENT = `${pkg.name}/${pkg.version}`;

/** Integration UA first, mdm-core token appended once. */
export function buildUserAgent(userAgent?: string): string {
  if (!userAgent) return MDM_CORE_USER_AGENT;
  return userAgent.includes(pkg.name) ? userAgent : `${userAgent} ${MDM_CORE_USER_AGENT}`;
}
