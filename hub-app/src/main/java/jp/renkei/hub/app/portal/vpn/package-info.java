/** The portal's VPN pages: a facility's own site (facility administrators) and every site's tunnel (operators). */
package jp.renkei.hub.app.portal.vpn;
