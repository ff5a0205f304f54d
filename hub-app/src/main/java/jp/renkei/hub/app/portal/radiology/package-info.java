/**
 * The portal's radiology pages: a patient's images for clinicians (consent-gated like DICOMweb, thumbnails and a
 * simple viewer with CT window presets), second-read requests of the requesting facility and the radiologist's
 * de-identified reading worklist with report signing.
 */
package jp.renkei.hub.app.portal.radiology;
