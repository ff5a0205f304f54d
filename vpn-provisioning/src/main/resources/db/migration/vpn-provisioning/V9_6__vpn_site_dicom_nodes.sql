-- The DICOM nodes of a VPN site: where its PACS and workstations listen (an address inside the site's prefixes,
-- checked by the service) and what they do with the hub. Only STORE_DESTINATION nodes can be C-MOVE destinations.
CREATE TABLE hub.vpn_site_dicom_node (
    facility_id text    NOT NULL REFERENCES hub.vpn_site (facility_id) ON DELETE CASCADE,
    ae_title    text    NOT NULL,
    host        inet    NOT NULL,
    port        integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    accepts     text[]  NOT NULL CHECK (cardinality(accepts) > 0),
    position    integer NOT NULL,
    PRIMARY KEY (facility_id, ae_title)
);
