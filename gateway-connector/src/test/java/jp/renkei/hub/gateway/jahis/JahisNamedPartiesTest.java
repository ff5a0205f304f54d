package jp.renkei.hub.gateway.jahis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.dispensing.FacilityDirectory;
import jp.renkei.hub.fhir.dispensing.FindingIssues;
import jp.renkei.hub.fhir.dispensing.MedicationCheck;
import jp.renkei.hub.fhir.dispensing.MedicationCourses;
import jp.renkei.hub.fhir.dispensing.MedicationFinding;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ingest.RegisteredFacilityReferences;
import jp.renkei.hub.gateway.ingest.SourceRef;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * A notebook (our own fixture, Shift_JIS with CRLF like real exports) listing dispensings of two pharmacies and two
 * prescribers, uploaded by one of them: every dispense names its own pharmacy and prescriber, registered codes
 * become registry facilities, the source stays the uploader, and the check finds the one overlap.
 */
class JahisNamedPartiesTest {

    static final String FIXTURE = "/jahis/tc-two-pharmacies-sjis.txt";
    static final String UPLOADER = "11111111-1111-1111-1111-111111111111";
    static final String PHARMACY_A = "22222222-2222-2222-2222-222222222222";
    static final String HOSPITAL_B = "33333333-3333-3333-3333-333333333333";
    /** The registry as the test sees it: pharmacy A (the uploader's own code) and hospital B are registered. */
    static final Map<String, RegisteredFacilityReferences.Registered> REGISTERED = Map.of(
            "0740300015", new RegisteredFacilityReferences.Registered(PHARMACY_A, "さくら調剤薬局 郡山店"),
            "0710100017", new RegisteredFacilityReferences.Registered(HOSPITAL_B, "郡山総合病院 (登録)"));

    @Test
    void eachDispenseNamesThePharmacyAndPrescriberOfItsBlockAndRegisteredCodesAreRegistryFacilities() throws Exception {
        List<MappedRecord> records = mapped();
        assertThat(records).hasSize(3);
        assertThat(records).extracting(MappedRecord::facilityId).containsOnly(UPLOADER);

        MedicationDispense first = dispenses(records.get(0)).get(0);
        Reference pharmacyA = first.getPerformerFirstRep().getActor();
        assertThat(pharmacyA.getReference()).isNull();
        assertThat(pharmacyA.getIdentifier().getSystem()).isEqualTo(HubSystems.FACILITY);
        assertThat(pharmacyA.getIdentifier().getValue()).isEqualTo(PHARMACY_A);
        assertThat(pharmacyA.getDisplay()).isEqualTo("さくら調剤薬局 郡山店");
        assertThat(first.getContained()).noneMatch(r -> r instanceof Organization o && "さくら調剤薬局 郡山店".equals(o.getName()));
        Organization clinic = organization(first, "prescribing-facility");
        assertThat(clinic.getName()).isEqualTo("あさか内科クリニック");
        assertThat(clinic.getIdentifierFirstRep().getSystem()).isEqualTo(JpCoreSystems.MEDICAL_INSTITUTION_NO);
        assertThat(clinic.getIdentifierFirstRep().getValue()).isEqualTo("0710212345");

        MedicationDispense second = dispenses(records.get(1)).get(0);
        assertThat(second.getPerformerFirstRep().getActor().getReference()).isEqualTo("#pharmacy");
        Organization pharmacyB = organization(second, "pharmacy");
        assertThat(pharmacyB.getName()).isEqualTo("あおぞら薬局 駅東店");
        assertThat(pharmacyB.getIdentifierFirstRep().getValue()).isEqualTo("0740398765");
        PractitionerRole role = (PractitionerRole) contained(second, "prescriber-role");
        assertThat(role.getOrganization().getIdentifier().getValue()).isEqualTo(HOSPITAL_B);
        assertThat(role.getOrganization().getDisplay()).isEqualTo("郡山総合病院 (登録)");
        assertThat(second.getContained()).noneMatch(r -> "prescribing-facility".equals(id(r)));
        assertThat(JpCoreValidation.errors(first)).isEmpty();
        assertThat(JpCoreValidation.errors(second)).isEmpty();
        // content, not provenance: nothing in the mapped record claims another source
        assertThat(records.stream().flatMap(r -> r.resources().stream()).map(SourceFacilityStamp::sourcesOf))
                .allMatch(List::isEmpty);
    }

    @Test
    void theCheckFindsTheOneOverlapOfThePharmaciesNamingBothAndNotTheSamePharmacysContinuation() throws Exception {
        FhirContext fhir = FhirContext.forR4Cached();
        List<MedicationDispense> stored = mapped().stream().flatMap(r -> dispenses(r).stream()).map(d -> {
            // as the store keeps them: the uploader as source, read back from JSON
            SourceFacilityStamp.tag(d, UPLOADER);
            MedicationDispense read = fhir.newJsonParser().parseResource(MedicationDispense.class,
                    fhir.newJsonParser().encodeResourceToString(d));
            read.setId("MedicationDispense/" + d.getIdElement().getIdPart());
            return read;
        }).toList();
        assertThat(stored).hasSize(6);
        FacilityDirectory directory = new FacilityDirectory() {
            @Override
            public String name(String facilityId) {
                return REGISTERED.values().stream().filter(r -> r.id().equals(facilityId))
                        .map(RegisteredFacilityReferences.Registered::name).findFirst().orElse(facilityId);
            }

            @Override
            public Optional<String> withCode(String code) {
                return Optional.ofNullable(REGISTERED.get(code)).map(RegisteredFacilityReferences.Registered::id);
            }
        };

        List<MedicationFinding> findings = MedicationCheck.findings(new MedicationCourses(directory).of(stored, List.of()));

        assertThat(findings).hasSize(1);
        MedicationFinding finding = findings.get(0);
        assertThat(finding.rule()).isEqualTo(MedicationFinding.Rule.SAME_INGREDIENT);
        assertThat(finding.key()).isEqualTo("YJ 2171022");
        assertThat(new FindingIssues().explain(finding)).contains("さくら調剤薬局 郡山店", "あおぞら薬局 駅東店",
                "安積 健 医師 (あさか内科クリニック", "高橋 誠 医師 (郡山総合病院 (登録))", "2026-04-10〜2026-04-23");
    }

    static List<MappedRecord> mapped() throws IOException {
        byte[] bytes;
        try (InputStream in = JahisNamedPartiesTest.class.getResourceAsStream(FIXTURE)) {
            bytes = in.readAllBytes();
        }
        TcDocument document = new JahisTcReader().read(bytes);
        assertThat(document.charset()).isEqualTo(TcText.CP932);
        List<MappedRecord> records = JahisDispensingMapper.map(document, UPLOADER, "NB-0001",
                new SourceRef(JahisImport.SOURCE_KIND, "notebook.txt"));
        return new RegisteredFacilityReferences(code -> Optional.ofNullable(REGISTERED.get(code))).resolve(records);
    }

    static List<MedicationDispense> dispenses(MappedRecord record) {
        return record.resources().stream().filter(MedicationDispense.class::isInstance).map(MedicationDispense.class::cast)
                .toList();
    }

    static Organization organization(MedicationDispense dispense, String id) {
        return (Organization) contained(dispense, id);
    }

    static Resource contained(MedicationDispense dispense, String id) {
        return dispense.getContained().stream().filter(r -> id.equals(id(r))).findFirst().orElseThrow();
    }

    static String id(Resource resource) {
        return resource.getIdElement().getIdPart().replaceFirst("^#", "");
    }
}
