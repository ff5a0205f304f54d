/** Notices for the hub's operators, raised once per cause by scheduled checks (e.g. VPN certificate expiry). */
package jp.renkei.hub.core.notice;
