import { defineVendor } from '@mdm-graph/mdm-core/steps';
import type { KandjiIntegrationConfig } from '../config';

/**
 * The setting a 401 asks the user to fix, as the J1 UI (`accessToken`) and `collect`'s
 * .env (`ACCESS_TOKEN`) name it. Kandji tokens are static: a 401 means wrong, revoked or expired.
 */
export const CREDENTIAL_FIELD = 'accessToken (ACCESS_TOKEN)';

/**
 * Kandji's words for the mdm-core step layer: every permission warning, step error, preflight
 * line and skipped-record report is built from them ("Kandji API token lacks the "Users"
 * permission ...; to fix: grant "Users" to the API token (Kandji Settings > Access)").
 */
export const kandji = defineVendor<KandjiIntegrationConfig>({
  name: 'Kandji',
  credential: 'API token',
  grantWhere: 'Kandji Settings > Access',
  credentialField: CREDENTIAL_FIELD,
});
