/**
 * VPN onboarding of sites: the site record and address plan ({@code site}), enrolment of the site's router with
 * a one-time token and a certificate from the hub CA ({@code enrol}), the generated strongSwan configuration for
 * both ends ({@code swanctl}), and the tunnels' state read from strongSwan ({@code status}).
 */
package jp.renkei.hub.vpn;
