/**
 * The simulator invents nothing: for every route, each field it emits is a field of Kandji's
 * published example for that endpoint (test/fixtures/vendor-examples), with a kind the example
 * also shows; the few fields without a published example are allowed only where the reference
 * (../shared/reference/kandji-api.md) documents them, each named below with its source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleBodies, fieldsBeyond } from '../test/vendor-examples';
import { startKandjiSimulator, type KandjiSimulator } from '.';

let sim: KandjiSimulator;

beforeAll(async () => {
  sim = await startKandjiSimulator({
    seed: 'fidelity',
    devices: 40,
    appsPerDevice: 6,
    customProfiles: 4,
    blueprints: 3,
    rateLimit: false,
  });
});
afterAll(async () => {
  await sim.close();
});

async function get(path: string): Promise<unknown> {
  const res = await fetch(`${sim.url}/${path}`, {
    headers: { authorization: `Bearer ${sim.token}` },
  });
  expect(res.status, path).toBe(200);
  return (await res.json()) as unknown;
}

function published(...files: string[]): unknown[] {
  return files.flatMap((f) => exampleBodies(f).map((e) => e.body));
}

/** One device of each platform the fleet has. */
function onePerPlatform(): { id: string; platform: string }[] {
  const seen = new Map<string, string>();
  for (const d of sim.fleet.devices) if (!seen.has(d.platform)) seen.set(d.platform, d.device_id);
  expect([...seen.keys()].sort()).toEqual(['AppleTV', 'Mac', 'iPad', 'iPhone']);
  return [...seen].map(([platform, id]) => ({ id, platform }));
}

describe('the Kandji simulator emits only published fields', () => {
  it('GET devices: fields of the published device list', async () => {
    const body = await get('devices?limit=300');
    expect(
      fieldsBeyond(
        body,
        published('device-information-list-devices', 'device-information-get-device'),
      ),
    ).toEqual([]);
  });

  it('GET devices/{id}: fields of the published device', async () => {
    for (const { id } of onePerPlatform()) {
      expect(
        fieldsBeyond(await get(`devices/${id}`), [
          ...published('device-information-get-device'),
          // A list item is the same object (reference: "Device list item (devices, devices/{id})").
          ...(published('device-information-list-devices').flat() as unknown[]),
        ]),
      ).toEqual([]);
    }
  });

  it('GET devices/{id}/details: fields of the published details, on every platform', async () => {
    for (const { id, platform } of onePerPlatform()) {
      const problems = fieldsBeyond(
        await get(`devices/${id}/details`),
        published('device-information-get-device-details'),
      );
      expect(problems, platform).toEqual([]);
    }
  });

  it('GET devices/{id}/apps: fields of the published device apps', async () => {
    for (const { id, platform } of onePerPlatform()) {
      expect(
        fieldsBeyond(
          await get(`devices/${id}/apps`),
          published('device-information-get-device-apps'),
        ),
        platform,
      ).toEqual([]);
    }
  });

  it.each([
    ['device_information', ['prism-device-information']],
    ['apps', ['prism-applications']],
    ['installed_profiles', ['prism-installed-profiles']],
    ['filevault', ['prism-filevault']],
    ['application_firewall', ['prism-application-firewall']],
    ['gatekeeper_and_xprotect', ['prism-gatekeeper-and-xprotect']],
    ['startup_settings', ['prism-startup-settings']],
    // Kandji's activation_lock example is a device_information copy: no other field is known.
    ['activation_lock', ['prism-activation-lock', 'prism-device-information']],
  ])('GET prism/%s: fields of the published example', async (category, files) => {
    const body = (await get(`prism/${category}?limit=300`)) as { data: unknown[] };
    expect(body.data.length).toBeGreaterThan(0);
    expect(fieldsBeyond(body, published(...files))).toEqual([]);
  });

  it('prism/device_information has no FileVault, supervision, activation-lock or MAC column', async () => {
    const body = (await get('prism/device_information?limit=300')) as {
      data: Record<string, unknown>[];
    };
    for (const row of body.data)
      for (const invented of [
        'filevault_enabled',
        'filevault_prk_escrowed',
        'supervised',
        'mac_address',
        'device_activation_lock_enabled',
      ])
        expect(row).not.toHaveProperty(invented);
  });

  it('the macOS posture categories report Macs only, consistent with the fleet', async () => {
    const macs = sim.fleet.devices.filter((d) => d.platform === 'Mac').map((d) => d.device_id);
    for (const category of [
      'filevault',
      'application_firewall',
      'gatekeeper_and_xprotect',
      'startup_settings',
    ]) {
      const body = (await get(`prism/${category}?limit=300`)) as {
        data: { device_id: string }[];
      };
      expect(body.data.map((r) => r.device_id).sort(), category).toEqual([...macs].sort());
    }
    const fv = (await get('prism/filevault?limit=300')) as {
      data: { device_id: string; status: boolean; key_escrowed: boolean }[];
    };
    for (const row of fv.data) {
      const i = sim.fleet.deviceIndex(row.device_id)!;
      expect(row.status).toBe(sim.fleet.facts[i]!.filevaultEnabled);
      expect(row.key_escrowed).toBe(sim.fleet.facts[i]!.filevaultPrkEscrowed);
    }
  });

  it('GET users: fields of the published users list', async () => {
    expect(fieldsBeyond(await get('users'), published('users-list-users'))).toEqual([]);
  });

  it('GET blueprints: fields of the published blueprints, plus params entries', async () => {
    expect(
      fieldsBeyond(await get('blueprints?limit=300'), published('blueprints-list-blueprints'), [
        // Published as `{}`; the reference documents `params{<paramId>:{mute, daily, details?}}`
        // from graph-kandji's 2024 recordings.
        'results[].params.*',
      ]),
    ).toEqual([]);
  });

  it('GET library/custom-profiles: fields of the published custom profiles', async () => {
    expect(
      fieldsBeyond(
        await get('library/custom-profiles'),
        published('library-items-custom-profiles-list-custom-profiles'),
      ),
    ).toEqual([]);
  });

  it('GET settings/licensing: fields of the published licensing', async () => {
    expect(
      fieldsBeyond(await get('settings/licensing'), published('settings-licensing'), [
        // Published with the keys `macos` and `ios_ipados`; the simulator sends `{}`.
        'limits.max_devices_per_platform.*',
      ]),
    ).toEqual([]);
  });

  it('fieldsBeyond finds an invented field and a wrong kind', () => {
    expect(
      fieldsBeyond({ data: [{ device_id: 'x', mac_address: 'aa', limit: 1 }] }, [
        { data: [{ device_id: 'y', limit: 'a' }] },
      ]),
    ).toEqual([
      'data[].mac_address: not in the published example',
      'data[].limit: number, published as string',
    ]);
  });
});
