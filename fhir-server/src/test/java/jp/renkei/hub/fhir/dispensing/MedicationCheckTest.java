package jp.renkei.hub.fhir.dispensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class MedicationCheckTest {

    /** A registry holding pharmacy-c and pharmacy-d by name only. */
    static final FacilityDirectory DIRECTORY = new FacilityDirectory() {
        @Override
        public String name(String facilityId) {
            return facilityId + " 薬局";
        }

        @Override
        public java.util.Optional<String> withCode(String medicalInstitutionCode) {
            return java.util.Optional.empty();
        }
    };
    static final MedicationCourses COURSES = new MedicationCourses(DIRECTORY);

    static final String LOSARTAN_A = "2149039F1020"; // same first 7: 2149039
    static final String LOSARTAN_B = "2149039F2026";
    static final String OLMESARTAN = "2149044F1024"; // same class 2149, other ingredient
    static final String METFORMIN = "3962002F1032";  // other class

    @Test
    void sameIngredientFromTwoPrescribersOverlappingIsOneFindingNamingBoth() {
        MedicationDispense c = dispense("1", LOSARTAN_A, "2025-04-01", 28, "pharmacy-c", "A病院 山田医師");
        MedicationDispense d = dispense("2", LOSARTAN_B, "2025-04-15", 28, "pharmacy-d", "B病院 佐藤医師");
        List<MedicationFinding> findings = MedicationCheck.findings(COURSES.of(List.of(c, d), List.of()));
        assertThat(findings).hasSize(1);
        MedicationFinding finding = findings.get(0);
        assertThat(finding.rule()).isEqualTo(MedicationFinding.Rule.SAME_INGREDIENT);
        assertThat(finding.key()).isEqualTo("YJ 2149039");
        assertThat(List.of(finding.first().recordId(), finding.second().recordId()))
                .containsExactly("MedicationDispense/2", "MedicationDispense/1");
        assertThat(List.of(finding.first().pharmacy().key(), finding.second().pharmacy().key()))
                .containsExactly("facility:pharmacy-d", "facility:pharmacy-c");
    }

    @Test
    void periodsThatDoNotOverlapAreNoFinding() {
        // 28 days from 1 April cover 1–28 April: a dispense from 29 April does not overlap
        MedicationDispense c = dispense("1", LOSARTAN_A, "2025-04-01", 28, "pharmacy-c", "A病院 山田医師");
        MedicationDispense d = dispense("2", LOSARTAN_B, "2025-04-29", 28, "pharmacy-d", "B病院 佐藤医師");
        assertThat(MedicationCheck.findings(COURSES.of(List.of(c, d), List.of()))).isEmpty();
        MedicationDispense e = dispense("3", LOSARTAN_B, "2025-04-28", 28, "pharmacy-d", "B病院 佐藤医師");
        assertThat(MedicationCheck.findings(COURSES.of(List.of(c, e), List.of()))).hasSize(1);
    }

    @Test
    void theSamePrescriberAndPharmacyRefillingIsNoFinding() {
        MedicationDispense c = dispense("1", LOSARTAN_A, "2025-04-01", 28, "pharmacy-c", "A病院 山田医師");
        MedicationDispense again = dispense("2", LOSARTAN_A, "2025-04-20", 28, "pharmacy-c", "A病院 山田医師");
        assertThat(MedicationCheck.findings(COURSES.of(List.of(c, again), List.of()))).isEmpty();
        MedicationDispense otherPharmacy = dispense("3", LOSARTAN_A, "2025-04-20", 28, "pharmacy-d", "A病院 山田医師");
        assertThat(MedicationCheck.findings(COURSES.of(List.of(c, otherPharmacy), List.of()))).hasSize(1);
    }

    @Test
    void sameTherapeuticClassIsItsOwnRuleAndOtherClassesAreNothing() {
        MedicationDispense c = dispense("1", LOSARTAN_A, "2025-04-01", 28, "pharmacy-c", "A");
        MedicationDispense d = dispense("2", OLMESARTAN, "2025-04-10", 28, "pharmacy-d", "B");
        MedicationDispense m = dispense("3", METFORMIN, "2025-04-10", 28, "pharmacy-d", "B");
        List<MedicationFinding> findings = MedicationCheck.findings(COURSES.of(List.of(c, d, m), List.of()));
        assertThat(findings).extracting(MedicationFinding::rule, MedicationFinding::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MedicationFinding.Rule.SAME_THERAPEUTIC_CLASS, "YJ 2149"));
    }

    @Test
    void hot7MatchesOnlyWhereAYjCodeIsMissing() {
        MedicationDispense c = dispense("1", null, "2025-04-01", 14, "pharmacy-c", "A");
        c.getMedicationCodeableConcept().addCoding(new Coding(JpCoreSystems.HOT9, "123456701", "製品X"));
        MedicationDispense d = dispense("2", null, "2025-04-05", 14, "pharmacy-d", "B");
        d.getMedicationCodeableConcept().addCoding(new Coding(JpCoreSystems.HOT9, "123456702", "製品X"));
        List<MedicationFinding> findings = MedicationCheck.findings(COURSES.of(List.of(c, d), List.of()));
        assertThat(findings).extracting(MedicationFinding::rule).containsExactly(MedicationFinding.Rule.SAME_PRODUCT);
        assertThat(findings.get(0).key()).isEqualTo("HOT7 1234567");
    }

    @Test
    void aPrescriptionFilledByADispenseIsNotCountedTwiceAndAnUnfilledOneIs() {
        MedicationRequest filled = request("10", LOSARTAN_A, "2025-04-01", 28, "Practitioner/1", "hospital-a");
        MedicationRequest unfilled = request("11", LOSARTAN_B, "2025-04-10", 28, "Practitioner/2", "hospital-b");
        MedicationDispense c = dispense("1", LOSARTAN_A, "2025-04-01", 28, "pharmacy-c", null);
        c.addAuthorizingPrescription(new Reference("MedicationRequest/10"));
        List<MedicationCourse> courses = COURSES.of(List.of(c), List.of(filled, unfilled));
        assertThat(courses).extracting(MedicationCourse::recordId)
                .containsExactly("MedicationRequest/11", "MedicationDispense/1");
        assertThat(courses.get(1).prescriber().key()).isEqualTo("Practitioner/1");
        assertThat(MedicationCheck.findings(courses)).hasSize(1);
    }

    static MedicationDispense dispense(String id, String yj, String handedOver, int days, String pharmacy,
                                       String prescriber) {
        MedicationDispense dispense = new MedicationDispense();
        dispense.setId("MedicationDispense/" + id);
        CodeableConcept drug = new CodeableConcept().setText("薬 " + id);
        if (yj != null) {
            drug.addCoding(new Coding(JpCoreSystems.YJ, yj, "薬 " + yj));
        }
        dispense.setMedication(drug);
        dispense.setWhenHandedOver(date(handedOver));
        dispense.setDaysSupply(new Quantity().setValue(days).setUnit("日").setCode("d"));
        if (prescriber != null) {
            dispense.addAuthorizingPrescription(new Reference().setDisplay(prescriber));
        }
        SourceFacilityStamp.tag(dispense, pharmacy);
        return dispense;
    }

    static MedicationRequest request(String id, String yj, String authored, int days, String requester, String facility) {
        MedicationRequest request = new MedicationRequest();
        request.setId("MedicationRequest/" + id);
        request.setMedication(new CodeableConcept(new Coding(JpCoreSystems.YJ, yj, "薬 " + yj)));
        request.setAuthoredOn(date(authored));
        request.getDispenseRequest().setExpectedSupplyDuration(
                (org.hl7.fhir.r4.model.Duration) new org.hl7.fhir.r4.model.Duration().setValue(days).setCode("d"));
        request.setRequester(new Reference(requester));
        SourceFacilityStamp.tag(request, facility);
        return request;
    }

    static Date date(String day) {
        return Date.from(LocalDate.parse(day).atTime(10, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant());
    }
}
