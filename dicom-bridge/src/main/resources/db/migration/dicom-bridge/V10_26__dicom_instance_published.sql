-- Numbered after every migration already released (V10_25): Flyway refuses a lower version than the newest one applied,
-- so an existing hub (with the care-net migrations V10_x) could not start with it as V8_6.
-- Which instances are already in their study's FHIR ImagingStudy, per instance instead of per study: the publisher
-- merges exactly the instances not yet published into the ImagingStudy, so its work grows with what arrived, not
-- with the size of the study, and storing an instance no longer updates (and locks) the study's row.
ALTER TABLE hub.dicom_instance ADD COLUMN published boolean NOT NULL DEFAULT false;
UPDATE hub.dicom_instance i SET published = true
  FROM hub.dicom_series r JOIN hub.dicom_study s ON s.study_uid = r.study_uid
 WHERE r.series_uid = i.series_uid AND s.published;
CREATE INDEX dicom_instance_unpublished ON hub.dicom_instance (series_uid) WHERE NOT published;
ALTER TABLE hub.dicom_study DROP COLUMN published;
