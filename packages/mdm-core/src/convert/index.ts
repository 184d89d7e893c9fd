export {
  OS_TYPES,
  type OsType,
  type MdmDevice,
  type MdmApplication,
  type MdmUser,
  type TimestampInput,
} from './model';
export { createDeviceEntity } from './device';
export { createApplicationEntity } from './application';
export { createUserEntity } from './user';
export { createGroupEntity, createConfigurationEntity, createAccountEntity } from './basic';
export {
  createUserEmployeeRelationship,
  userEmployeeRelationshipType,
  EMPLOYEE_ENTITY_TYPE,
  type UserEmployeeRelationshipOptions,
} from './employee';
export { type EntityArgs } from './entity';
export { EntityPropertyError, sanitizeProperties, type EntityPropertyValue } from './properties';
export { toEpochMs } from './time';
export { parseLooseBoolean } from './boolean';
export { normalizeMacAddress, normalizeMacAddresses } from './mac';
export { toHostnameLabel, toFqdn } from './hostname';
export { entityKey, padKey, MIN_KEY_LENGTH } from './key';
export { splitIpAddresses, type DeviceIpAddresses } from './ip';
export { toOsType, asOsType } from './os-type';
export { cleanString, firstString, stringArrayOrNull, toWebLink, normalizeEmail } from './text';
