/** The data model rejects `_key` values shorter than this. */
export const MIN_KEY_LENGTH = 10;

/**
 * Pads a short `_key` to the data model's minimum with trailing "_" (deterministic, so the same record always
 * gets the same key). Keys of 10+ characters are returned unchanged.
 */
export function padKey(key: string): string {
  return key.length >= MIN_KEY_LENGTH ? key : key.padEnd(MIN_KEY_LENGTH, '_');
}

/**
 * `${prefix}:${id}`, padded to at least 10 characters. Use the entity `_type` as prefix so keys of different
 * types never collide (e.g. `entityKey('kandji_device', device.device_id)`).
 */
export function entityKey(prefix: string, id: string | number): string {
  const idText = String(id).trim();
  if (prefix.trim() === '' || idText === '') {
    throw new TypeError(
      `entityKey needs a prefix and an id (got prefix "${prefix}", id "${idText}")`,
    );
  }
  return padKey(`${prefix}:${idText}`);
}
