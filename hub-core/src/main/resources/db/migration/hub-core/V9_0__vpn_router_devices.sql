-- Sites' IPsec/IKEv2 routers are devices too (vpn-provisioning enrols them): their certificates are listed,
-- revoked and published in the CRL like every other device certificate.
ALTER TABLE hub.device DROP CONSTRAINT device_kind_check;
ALTER TABLE hub.device ADD CONSTRAINT device_kind_check
    CHECK (kind IN ('GATEWAY', 'PHARMACY_SYSTEM', 'PACS_FORWARDER', 'VPN_ROUTER'));
