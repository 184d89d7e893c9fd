export { startSimServer } from './server';
export { SeededRandom, fleetRange } from './random';
export { ServerRateLimiter, type RateDecision } from './server-rate-limit';
export type {
  IntegrationSimulator,
  RunningSimulator,
  SimulatorCapabilities,
  SimulatorProfileName,
  SimulatorStartOptions,
} from './contract';
export type {
  Latency,
  RateWindowState,
  RouteStats,
  ServerRateLimitOptions,
  SimFault,
  SimFaultKind,
  SimHandler,
  SimRequest,
  SimResponse,
  SimRoute,
  SimServer,
  SimServerOptions,
  SimStats,
} from './types';
