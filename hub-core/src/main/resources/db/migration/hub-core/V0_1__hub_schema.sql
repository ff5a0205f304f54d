-- The hub's own tables live in schema "hub", apart from HAPI FHIR's tables in "public".
-- Versions: 1.x facilities, 2.x people and sessions, 3.x audit, 4.x PKI and devices, 5.x event numbers.
CREATE SCHEMA IF NOT EXISTS hub;
