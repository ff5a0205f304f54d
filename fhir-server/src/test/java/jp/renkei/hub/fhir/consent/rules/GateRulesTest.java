package jp.renkei.hub.fhir.consent.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.fhir.consent.DataCategories;
import jp.renkei.hub.fhir.consent.DeletedVersions;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.consent.rules.GateRule.Verdict;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** Each rule of the consent gate on its own, with a stand-in for the request's consent decisions. */
class GateRulesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final DataCategories CATEGORIES = new DataCategories(FHIR);
    private static final EventNumber PATIENT = EventNumber.random();

    /** A request of facility {@code CLINIC} whose consents permit exactly {@link #permits}. */
    private final class Context implements GateContext {
        final Set<String> permits = new HashSet<>();
        final List<String> asked = new ArrayList<>();
        Optional<EventNumber> patient = Optional.of(PATIENT);

        @Override
        public String requesterFacility() {
            return "CLINIC";
        }

        @Override
        public Optional<EventNumber> patientOf(Resource resource) {
            return patient;
        }

        @Override
        public boolean permitted(EventNumber patient, ConsentCategory category, String source) {
            asked.add(category + "/" + source);
            return permits.contains(category + "/" + source);
        }

        @Override
        public boolean visible(Resource resource) {
            for (GateRule rule : List.of(new OwnData(), new CategoryConsent(CATEGORIES))) {
                Verdict verdict = rule.decide(resource, this);
                if (verdict != Verdict.PASS) {
                    return verdict == Verdict.PERMIT;
                }
            }
            return false;
        }
    }

    private final Context context = new Context();

    @Test
    void containedResourcesFollowTheirContainer() {
        Observation contained = new Observation();
        contained.setId("#specimen");
        assertThat(new ContainedResources().decide(contained, context)).isEqualTo(Verdict.PERMIT);
        assertThat(new ContainedResources().decide(stored(new Observation(), "Observation/1", "HOSPITAL"), context))
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void directoryTypesAreOpenPatientDataIsNot() {
        UngatedTypes rule = new UngatedTypes(CATEGORIES);
        assertThat(rule.decide(stored(new Organization(), "Organization/1", "HOSPITAL"), context)).isEqualTo(Verdict.PERMIT);
        assertThat(rule.decide(stored(new Observation(), "Observation/1", "HOSPITAL"), context)).isEqualTo(Verdict.PASS);
        assertThat(rule.decide(stored(new Patient(), "Patient/1", "HOSPITAL"), context)).isEqualTo(Verdict.PASS);
    }

    @Test
    void ownDataIsPermittedForeignGoesOnAndUnsourcedIsDenied() {
        OwnData rule = new OwnData();
        assertThat(rule.decide(stored(new Observation(), "Observation/1", "CLINIC"), context)).isEqualTo(Verdict.PERMIT);
        assertThat(rule.decide(stored(new Observation(), "Observation/1", "HOSPITAL"), context)).isEqualTo(Verdict.PASS);
        assertThat(rule.decide(stored(new Observation(), "Observation/1", "CLINIC", "HOSPITAL"), context))
                .as("data with two sources is own only if both are").isEqualTo(Verdict.PASS);
        assertThat(rule.decide(stored(new Observation(), "Observation/1"), context)).isEqualTo(Verdict.DENY);
    }

    @Test
    void patientDataNeedsItsOwnCategoryForEverySource() {
        CategoryConsent rule = new CategoryConsent(CATEGORIES);
        Observation lab = stored(new Observation(), "Observation/1", "HOSPITAL");
        assertThat(rule.decide(lab, context)).isEqualTo(Verdict.DENY);
        context.permits.add("DISPENSING/HOSPITAL");
        assertThat(rule.decide(lab, context)).as("another category does not open labs").isEqualTo(Verdict.DENY);
        context.permits.add("CLINICAL/HOSPITAL");
        assertThat(rule.decide(lab, context)).isEqualTo(Verdict.PERMIT);
        assertThat(rule.decide(stored(new Observation(), "Observation/2", "HOSPITAL", "PHARMACY"), context))
                .as("every source must be covered").isEqualTo(Verdict.DENY);
        MedicationDispense dispense = stored(new MedicationDispense(), "MedicationDispense/1", "HOSPITAL");
        assertThat(rule.decide(dispense, context)).isEqualTo(Verdict.PERMIT);
        assertThat(context.asked).contains("DISPENSING/HOSPITAL");
    }

    @Test
    void thePatientIsShownWhenAnyCategoryIsOpen() {
        CategoryConsent rule = new CategoryConsent(CATEGORIES);
        Patient patient = stored(new Patient(), "Patient/1", "HOSPITAL");
        assertThat(rule.decide(patient, context)).isEqualTo(Verdict.DENY);
        context.permits.add("IMAGING/HOSPITAL");
        assertThat(rule.decide(patient, context)).isEqualTo(Verdict.PERMIT);
    }

    @Test
    void dataWithoutAPatientIsDenied() {
        context.patient = Optional.empty();
        context.permits.add("CLINICAL/HOSPITAL");
        assertThat(new CategoryConsent(CATEGORIES).decide(stored(new Observation(), "Observation/1", "HOSPITAL"), context))
                .isEqualTo(Verdict.DENY);
    }

    @Test
    void aDeletionIsDecidedOnTheVersionBeforeIt() {
        Observation before = stored(new Observation(), "Observation/7/_history/1", "HOSPITAL");
        Observation stub = new Observation();
        stub.setId("Observation/7/_history/2");
        ResourceMetadataKeyEnum.DELETED_AT.put(stub, new InstantType(new Date()));
        List<IdType> read = new ArrayList<>();
        DeletionStubs rule = new DeletionStubs(new DeletedVersions(id -> {
            read.add(id);
            return Optional.<IBaseResource>of(before);
        }));
        assertThat(rule.decide(stub, context)).isEqualTo(Verdict.DENY);
        assertThat(read).extracting(IdType::getValue).containsExactly("Observation/7/_history/1");
        context.permits.add("CLINICAL/HOSPITAL");
        assertThat(rule.decide(stub, context)).isEqualTo(Verdict.PERMIT);
        assertThat(rule.decide(before, context)).as("not a deletion").isEqualTo(Verdict.PASS);

        Observation firstVersionStub = new Observation();
        firstVersionStub.setId("Observation/8/_history/1");
        ResourceMetadataKeyEnum.DELETED_AT.put(firstVersionStub, new InstantType(new Date()));
        assertThat(rule.decide(firstVersionStub, context)).as("nothing before it: hidden").isEqualTo(Verdict.DENY);
    }

    private static <T extends Resource> T stored(T resource, String id, String... sources) {
        resource.setId(id);
        for (String source : sources) {
            resource.getMeta().addTag(jp.renkei.hub.fhir.HubSystems.SOURCE_FACILITY, source, null);
        }
        if (sources.length == 1) {
            SourceFacilityStamp.tag(resource, sources[0]);
        }
        return resource;
    }
}
