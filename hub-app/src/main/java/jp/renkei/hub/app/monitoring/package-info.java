/**
 * Monitoring glue of the assembled hub (docs/operations.md "Monitoring"): the HTTPS request timer's registration
 * and one health indicator per subsystem, each saying in Japanese and English what is wrong when it is DOWN. The
 * meters themselves are recorded by the modules through {@code jp.renkei.hub.core.monitoring.HubMeters}.
 */
package jp.renkei.hub.app.monitoring;
