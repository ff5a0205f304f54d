/**
 * The portal's facility directory (docs/portal.md): the referral desk's search with its list and SVG map
 * ({@code /portal/directory}), a facility administrator's own profile ({@code /portal/facility/directory}) and the
 * operator's completeness page ({@code /portal/operator/directory}); thin controllers over regional-services'
 * {@code jp.renkei.hub.regional.directory}.
 */
package jp.renkei.hub.app.portal.directory;
