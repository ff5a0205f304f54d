/**
 * The home-care timeline shared by the patient's care team (doctor, visiting nurse, pharmacist, care
 * manager, helper, family): posts, photos, files and read receipts.
 */
package jp.renkei.hub.carenet;
