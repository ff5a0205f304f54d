/**
 * The runnable Renkei Hub: one Spring Boot application assembling every module, plus what only a
 * running installation needs — the embedded database default, configuration and demo data.
 */
package jp.renkei.hub.app;
