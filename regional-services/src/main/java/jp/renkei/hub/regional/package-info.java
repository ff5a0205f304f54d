/**
 * The regional network's services besides record sharing (issue W2-7): {@code directory} (facility profiles and
 * the referral desk's facility search), {@code letter} (referral letters, 診療情報提供書, with HPKI signature
 * verification). Each feature package owns its tables, its REST API and its FHIR view; the portal pages live in
 * hub-app.
 */
package jp.renkei.hub.regional;
