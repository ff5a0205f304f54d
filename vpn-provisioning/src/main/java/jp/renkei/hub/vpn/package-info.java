/**
 * Site onboarding: the hub's certificate authority, device certificates, strongSwan (swanctl)
 * configurations for the IPsec VPN, and revocation lists.
 */
package jp.renkei.hub.vpn;
