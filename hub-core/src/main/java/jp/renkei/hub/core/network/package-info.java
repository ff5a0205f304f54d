/**
 * The port through which the DICOM bridge and the gateway ask about facilities' networks (VPN sites): each site's
 * LAN prefixes and its registered DICOM nodes ({@link jp.renkei.hub.core.network.SiteNetworks}, implemented by
 * vpn-provisioning), and the rule that binds a facility's AE titles and MLLP sender to its site
 * ({@link jp.renkei.hub.core.network.SiteBinding}).
 */
package jp.renkei.hub.core.network;
