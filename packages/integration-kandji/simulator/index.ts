export { startKandjiSimulator, type KandjiSimulator, type KandjiSimulatorOptions } from './server';
export { generateKandjiFleet, type KandjiFleet, type KandjiFleetOptions } from './fleet/fleet';
export { KANDJI_PERMISSIONS, type KandjiPermission } from './permissions';
export type * from './fleet/types';
export {
  generateKandjiFindings,
  type KandjiFindings,
  type KandjiFindingsOptions,
  type SimDetection,
  type SimCve,
  type SimThreatDetail,
  type SimBehavioralDetection,
} from './fleet/findings';
export { simulator } from './registry';
