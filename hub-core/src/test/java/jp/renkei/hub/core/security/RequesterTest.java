package jp.renkei.hub.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class RequesterTest {

    static final HubPrincipal DOCTOR = new HubPrincipal(HubPrincipal.Kind.PERSON, "person-1", "医師 一郎",
            "facility-1", Set.of(HubRole.DOCTOR));

    @Test
    void readsThePrincipalItActsAs() {
        Requester requester = new Requester(DOCTOR, PurposeOfUse.ETREAT);

        assertThat(requester.kind()).isEqualTo(HubPrincipal.Kind.PERSON);
        assertThat(requester.id()).isEqualTo("person-1");
        assertThat(requester.facilityId()).isEqualTo("facility-1");
        assertThat(requester.roles()).containsExactly(HubRole.DOCTOR);
        assertThat(requester.roleNames()).containsExactly("DOCTOR");
        assertThat(requester.has(HubRole.DOCTOR)).isTrue();
        assertThat(requester.has(HubRole.NURSE)).isFalse();
        assertThat(requester.purpose()).isEqualTo(PurposeOfUse.ETREAT);
    }

    @Test
    void aSystemActsForItsFacilityForTreatment() {
        Requester pacs = Requester.system("dicom-ae:FKS_PACS", "FKS_PACS", "facility-2", Set.of(HubRole.PACS_FORWARDER));

        assertThat(pacs.kind()).isEqualTo(HubPrincipal.Kind.SYSTEM);
        assertThat(pacs.principal().display()).isEqualTo("FKS_PACS");
        assertThat(pacs.facilityId()).isEqualTo("facility-2");
        assertThat(pacs.roles()).containsExactly(HubRole.PACS_FORWARDER);
        assertThat(pacs.purpose()).isEqualTo(PurposeOfUse.TREAT);
    }

    @Test
    void needsAPrincipalAndAPurpose() {
        assertThatThrownBy(() -> new Requester(null, PurposeOfUse.TREAT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Requester(DOCTOR, null)).isInstanceOf(NullPointerException.class);
    }
}
