package jp.renkei.hub.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import jp.renkei.hub.core.ids.HubKeyedIds;
import org.junit.jupiter.api.Test;

class IngestIdsTest {

    private final IngestIds ids = new IngestIds(HubKeyedIds.withRandomKey());

    @Test
    void facilityPatientIdsKeepTheFormIngestStoredThemUnder() {
        // Patients created before FacilityPatients took over are found under exactly this ID.
        String facility = "0b7c61b2-4a3a-4f3e-9d4c-1f1a2b3c4d5e";
        assertThat(ids.patientIdFor(facility, "9999013"))
                .isEqualTo(ids.storedId(IngestIds.itemId(facility, "Patient", "9999013", "")))
                .matches("gk-[0-9a-f]{40}")
                .isNotEqualTo(ids.patientIdFor(facility, "9999014"));
    }
}
