-- The hub operator's monitoring system (Prometheus) scrapes /actuator/prometheus with a client certificate of its
-- own kind, which opens nothing else (docs/operations.md "Monitoring").
ALTER TABLE hub.device DROP CONSTRAINT device_kind_check;
ALTER TABLE hub.device ADD CONSTRAINT device_kind_check
    CHECK (kind IN ('GATEWAY', 'PHARMACY_SYSTEM', 'PACS_FORWARDER', 'VPN_ROUTER', 'MONITORING'));
