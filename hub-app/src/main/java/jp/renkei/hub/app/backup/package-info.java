/**
 * {@code ./hub backup <dir>} and {@code ./hub restore <dir>}: a copy of a hub's state — the database (an online base
 * backup of the embedded PostgreSQL, or a pg_dump of an external one), the DICOM object store and the home
 * directory's keys and certificates — with a manifest of checksums and the audit chain's latest checkpoint, and
 * its verified restore into an empty home. Runs outside the Spring context, beside a running hub
 * (docs/operations.md, "Backup" and "Restore").
 */
package jp.renkei.hub.app.backup;
