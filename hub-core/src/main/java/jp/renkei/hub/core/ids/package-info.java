/**
 * Keyed identifiers: values the hub derives deterministically from facility-local data (patient IDs, order
 * numbers) but that nobody without the hub's identifier key can compute or check a guess against
 * ({@link jp.renkei.hub.core.ids.HubKeyedIds}, HMAC-SHA256; the key from {@link jp.renkei.hub.core.ids.IdentifierKeyFile}
 * or the setting {@code renkei.ids.key}).
 */
package jp.renkei.hub.core.ids;
