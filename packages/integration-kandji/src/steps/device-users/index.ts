import {
  createDirectRelationship,
  RelationshipClass,
  type IntegrationStep,
} from '@jupiterone/integration-sdk-core';
import type { KandjiIntegrationConfig } from '../../config';
import { DataKeys, Entities, MappedRelationships, Relationships, Steps } from '../constants';
import { deviceKey } from '../devices/converter';
import { getDeviceList } from '../device-list';
import type { KandjiStepContext } from '../shared';
import { createAssignedUser, createEmployeeRelationship, userKey } from '../users/converter';

/**
 * kandji_device HAS kandji_user from each device's `user` ("" when unassigned). The user is
 * the directory entity (by id, else by email: 2022-era device user ids were integers);
 * users missing from the directory (archived, or no Users permission) are created here.
 */
export async function buildDeviceUserRelationships(context: KandjiStepContext): Promise<void> {
  const keysByEmail =
    (await context.jobState.getData<Map<string, string>>(DataKeys.USER_KEYS_BY_EMAIL)) ??
    new Map<string, string>();
  for (const device of await getDeviceList(context)) {
    const user = device.user;
    const from = deviceKey(device.device_id);
    if (!user?.id || !context.jobState.hasKey(from)) continue;
    let to = userKey(user.id);
    if (!context.jobState.hasKey(to)) {
      const byEmail = user.email ? keysByEmail.get(user.email.toLowerCase()) : undefined;
      if (byEmail) {
        to = byEmail;
      } else {
        const entity = await context.jobState.addEntity(
          createAssignedUser({ ...user, id: user.id }),
        );
        const employee = createEmployeeRelationship(entity, user.email);
        if (employee) await context.jobState.addRelationship(employee);
      }
    }
    const relationship = createDirectRelationship({
      _class: RelationshipClass.HAS,
      fromKey: from,
      fromType: Entities.DEVICE._type,
      toKey: to,
      toType: Entities.USER._type,
    });
    if (!context.jobState.hasKey(relationship._key))
      await context.jobState.addRelationship(relationship);
  }
}

export const deviceUserSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.DEVICE_USERS,
    name: 'Build Device User Relationships',
    entities: [Entities.USER],
    relationships: [Relationships.DEVICE_HAS_USER],
    mappedRelationships: [MappedRelationships.USER_IS_EMPLOYEE],
    dependsOn: [Steps.DEVICES, Steps.USERS],
    executionHandler: buildDeviceUserRelationships,
  },
];
