/**
 * Event management numbers (イベント管理番号): the regional pseudonymous patient number the hub issues,
 * and the cross-reference from each facility's local patient ID to it. The number is random and carries a
 * check digit; it is never derived from personal data. Linking is an explicit act by an authorised person,
 * never a demographic match.
 */
package jp.renkei.hub.core.patient;
