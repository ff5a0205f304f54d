/**
 * The web portal (issue W2-2, docs/portal.md): server-rendered Thymeleaf pages under {@code /portal} for people in a
 * browser, on the hub's own person authentication (LoginService, SessionStore) carried in a session cookie, with
 * CSRF tokens on every form and a strict Content-Security-Policy. Patient data comes from the same consent-gated
 * views as {@code Patient/$summary}.
 */
package jp.renkei.hub.app.portal;
