-- A token either enrols a router (its certificate replaces any earlier one at once) or renews it (the earlier
-- certificate stays valid until the router has switched, docs/vpn.md "Renewal").
ALTER TABLE hub.vpn_enrolment_token
    ADD COLUMN purpose text NOT NULL DEFAULT 'ENROLMENT' CHECK (purpose IN ('ENROLMENT', 'RENEWAL'));
