-- The portal's "recent patients" (W2-2): the patient pages a person opened, per acting facility, with the
-- subject line the page showed them then. Written only when the page opened (the consent gate let it through).
CREATE TABLE hub.portal_recent_patient (
    person_id    text NOT NULL,
    facility_id  text NOT NULL,
    event_number text NOT NULL,
    subject_line text NOT NULL,
    opened_at    timestamptz NOT NULL,
    PRIMARY KEY (person_id, facility_id, event_number)
);
CREATE INDEX portal_recent_patient_by_person ON hub.portal_recent_patient (person_id, facility_id, opened_at DESC);
