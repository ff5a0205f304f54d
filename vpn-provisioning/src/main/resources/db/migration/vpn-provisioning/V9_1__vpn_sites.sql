-- VPN sites: one per facility, with the LAN prefixes its tunnel carries, and one-time enrolment tokens for the
-- site's router (only their SHA-256 is stored).

CREATE TABLE hub.vpn_site (
    facility_id    text        PRIMARY KEY,
    router_kind    text        NOT NULL CHECK (router_kind IN ('STRONGSWAN', 'GENERIC_IKEV2')),
    -- null: the router is behind NAT and always initiates
    public_address text,
    contact_name   text        NOT NULL,
    contact_phone  text        NOT NULL,
    contact_email  text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    updated_by     text        NOT NULL
);

-- The address plan. The exclusion constraint is the last line of defence: the service refuses overlaps first,
-- naming the clashing site, under a lock; the database refuses them even if that check were ever bypassed.
CREATE TABLE hub.vpn_site_prefix (
    facility_id text NOT NULL REFERENCES hub.vpn_site (facility_id) ON DELETE CASCADE,
    prefix      cidr NOT NULL,
    PRIMARY KEY (facility_id, prefix),
    EXCLUDE USING gist (prefix inet_ops WITH &&)
);

CREATE TABLE hub.vpn_enrolment_token (
    token_hash  text        PRIMARY KEY,
    facility_id text        NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    used_serial text
);
CREATE INDEX vpn_enrolment_token_facility ON hub.vpn_enrolment_token (facility_id);
