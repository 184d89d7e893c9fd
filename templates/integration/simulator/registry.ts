import type {
  IntegrationSimulator,
  RunningSimulator,
  SimulatorStartOptions,
} from '@mdm-graph/mdm-core/sim';
import type { __VendorPascal__Simulator, __VendorPascal__SimulatorOptions } from './index';

/**
 * The registry contract (integrations.json; type in @mdm-graph/mdm-core/sim): the demo, the
 * reliability matrix, the benchmarks and the release checks start this tenant through it, so the
 * new vendor needs no change in any tooling file. Add presets and capabilities as the simulator
 * learns the vendor's facts (permissions, rate limits, a request timeout setting…). index.ts
 * passes its start function in (no import cycle between the two modules).
 */
export const registrySimulator = (
  start__VendorPascal__Simulator: (
    o: __VendorPascal__SimulatorOptions,
  ) => Promise<__VendorPascal__Simulator>,
): IntegrationSimulator => ({
  id: '__vendor__',
  profiles: {
    demo: {},
    // Every list has several pages.
    matrix: {},
    scale: {},
    consumer: {},
  },
  permissions: [],
  capabilities: {
    deviceListRoute: 'devices',
    deviceListPath: '^/api/v1/devices/?$',
    // A wrong-typed id and a missing id.
    invalidDeviceRecords: (canary) => [
      { id: { nested: true }, name: 'Broken device', serial_number: canary },
      { name: 'No id', serial_number: canary },
    ],
    credentialEnv: 'ACCESS_TOKEN',
  },
  async start(o: SimulatorStartOptions = {}): Promise<RunningSimulator> {
    if (o.deniedPermissions?.length)
      throw new Error('the __Vendor__ simulator enforces no permissions yet');
    const preset: __VendorPascal__SimulatorOptions =
      o.profile === 'matrix' ? { seed: 'reliability', devices: 16, maxPageSize: 5 } : {};
    const sim = await start__VendorPascal__Simulator({
      ...preset,
      ...Object.fromEntries(
        Object.entries({
          seed: o.seed,
          devices: o.devices,
          latencyMs: o.latencyMs,
          maxPageSize: o.maxPageSize,
          token: o.token,
          faults: o.faults,
          host: o.host,
          port: o.port,
        }).filter(([, v]) => v !== undefined),
      ),
      ...(o.vendor as __VendorPascal__SimulatorOptions | undefined),
    });
    const envAt = (apiUrl: string) => ({ API_URL: apiUrl, ACCESS_TOKEN: sim.token });
    return {
      url: sim.url,
      server: sim.server,
      env: envAt(sim.url),
      envAt,
      secrets: [sim.token],
      stats: () => sim.server.stats(),
      close: () => sim.close(),
      native: sim,
    };
  },
});
