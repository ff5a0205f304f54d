/**
 * Certificate expiry of a VPN site: the router's and the facility's gateway client certificates, their stage
 * (renewal due 30 days ahead, urgent 7 days ahead, expired), and the scheduled watch that warns the operators.
 */
package jp.renkei.hub.vpn.expiry;
