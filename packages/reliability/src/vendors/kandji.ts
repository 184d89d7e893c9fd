// Kandji's own simulator types, for the Kandji-specific cases.
export type {
  KandjiSimulator,
  KandjiSimulatorOptions,
} from '@mdm-graph/integration-kandji/dist/simulator';
