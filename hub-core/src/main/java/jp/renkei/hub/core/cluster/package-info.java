/**
 * Several hub nodes on one database: scheduled work that runs once per cluster ({@link
 * jp.renkei.hub.core.cluster.ClusterJobs}, PostgreSQL advisory locks) and per-node caches told about changes made on
 * another node ({@link jp.renkei.hub.core.cluster.ClusterEvents}, PostgreSQL LISTEN/NOTIFY).
 */
package jp.renkei.hub.core.cluster;
