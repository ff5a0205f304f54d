package jp.renkei.hub.consent.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jp.renkei.hub.core.monitoring.HubMeters;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;
import org.junit.jupiter.api.Test;

/** Every access decision's audit record says who asked, for which facility, and for what purpose. */
class AccessDecisionAuditTest {

    static final HubPrincipal DOCTOR = new HubPrincipal(HubPrincipal.Kind.PERSON, "doctor-1", "医師 一郎", "clinic",
            Set.of(HubRole.DOCTOR));

    final List<AuditEntry> trail = new ArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // auditing needs neither the registry nor break-glass: the decision is given
    final AccessDecider decider = new AccessDecider(null, null, entry -> {
        trail.add(entry);
        return trail.size();
    }, Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC), new HubMeters(registry));
    final EventNumber patient = EventNumber.random();

    @Test
    void theRequestersPurposeIsRecordedWithTheDecision() {
        AccessRequest request = new AccessRequest(new Requester(DOCTOR, PurposeOfUse.ETREAT), patient,
                ConsentCategory.CLINICAL, "hospital");

        decider.audit(request, Decision.because(DecisionBasis.BREAK_GLASS, "opened by doctor-1"));

        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.purpose()).isEqualTo("ETREAT");
            assertThat(entry.actorKind()).isEqualTo("PERSON");
            assertThat(entry.actorId()).isEqualTo("doctor-1");
            assertThat(entry.facilityId()).isEqualTo("clinic");
            assertThat(entry.roles()).containsExactly("DOCTOR");
            assertThat(entry.patientRef()).isEqualTo(patient.formatted());
            assertThat(entry.action()).isEqualTo(AuditAction.READ);
            assertThat(entry.resource()).isEqualTo("access-decision CLINICAL from hospital");
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(entry.detail()).startsWith(AccessDecider.BREAK_GLASS_MARKER + ": ");
        });
    }

    @Test
    void aDenialCarriesThePurposeToo() {
        AccessRequest request = new AccessRequest(
                Requester.system("dicom-ae:CLINIC_PACS", "CLINIC_PACS", "clinic", Set.of(HubRole.PACS_FORWARDER)),
                patient, ConsentCategory.IMAGING, "hospital");

        decider.audit(request, Decision.because(DecisionBasis.NO_CONSENT, null));

        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.purpose()).isEqualTo("TREAT");
            assertThat(entry.actorKind()).isEqualTo("SYSTEM");
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.DENIED);
        });
    }

    @Test
    void eachAuditedDecisionIsCountedByEffectBasisAndCategoryWithoutIdentifiers() {
        AccessRequest request = new AccessRequest(new Requester(DOCTOR, PurposeOfUse.TREAT), patient,
                ConsentCategory.IMAGING, "hospital");

        decider.audit(request, Decision.because(DecisionBasis.NO_CONSENT, null));
        decider.audit(request, Decision.because(DecisionBasis.NO_CONSENT, null));
        decider.auditEntry(request, Decision.because(DecisionBasis.CONSENT, "IMAGING consent c-1 version 1"));

        assertThat(registry.get(HubMeters.CONSENT).tags("effect", "deny", "basis", "no_consent", "category", "imaging")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get(HubMeters.CONSENT).tags("effect", "permit", "basis", "consent").counter().count())
                .isEqualTo(1);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString())
                .doesNotContain(patient.digits(), "doctor-1", "clinic", "hospital"));
    }
}
