-- The facility directory (regional-services, jp.renkei.hub.regional.directory): each facility's profile beyond the
-- registry's name, kana, kind, address and secondary medical area. Codes are checked by the service; the
-- constraints here are the last line of defence.

CREATE TABLE hub.directory_profile (
    facility_id       text             PRIMARY KEY,
    care_type         text,
    departments       text[]           NOT NULL DEFAULT '{}',
    services          text[]           NOT NULL DEFAULT '{}',
    -- 全国地方公共団体コード (JIS X 0402 with check digit) and the municipality's name
    municipality_code text             CHECK (municipality_code ~ '^[0-9]{6}$'),
    municipality_name text,
    -- entered by the facility (no geocoding); both or neither
    latitude          double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude         double precision CHECK (longitude BETWEEN -180 AND 180),
    acceptance        text             CHECK (acceptance IN ('YES', 'NO', 'ASK')),
    acceptance_note   text,
    desk_name         text,
    desk_phone        text,
    desk_fax          text,
    desk_email        text,
    desk_person       text,
    updated_at        timestamptz      NOT NULL,
    updated_by        text             NOT NULL,
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK ((municipality_code IS NULL) = (municipality_name IS NULL)),
    CHECK ((desk_name IS NULL) = (desk_phone IS NULL))
);

-- Opening periods per ISO weekday (1 = Monday), in minutes after midnight; 1440 closes at midnight.
CREATE TABLE hub.directory_opening_hours (
    facility_id text     NOT NULL REFERENCES hub.directory_profile (facility_id) ON DELETE CASCADE,
    weekday     smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens       smallint NOT NULL CHECK (opens BETWEEN 0 AND 1439),
    closes      smallint NOT NULL CHECK (closes BETWEEN 1 AND 1440),
    PRIMARY KEY (facility_id, weekday, opens),
    CHECK (opens < closes)
);
