package jp.renkei.hub.fhir.dispensing;

import static jp.renkei.hub.fhir.dispensing.MedicationCheckTest.date;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * The check attributes records to the pharmacy and prescriber they name (as the gateway writes JAHIS and SS-MIX2
 * records), not to the facility that uploaded them; OTC drugs take part.
 */
class NamedPartiesCheckTest {

    static final String UPLOADER = "uploading-pharmacy";
    static final String REGISTERED = "registered-pharmacy";
    static final String REGISTERED_CODE = "1341234567";
    static final String AMLODIPINE_A = "2171022F1020";
    static final String AMLODIPINE_B = "2171022F2027";
    static final String LOXOPROFEN = "1149019F1560";
    static final String LOXOPROFEN_TAPE = "2649735S1030";
    static final String BAYASPIRIN = "3399007H1021";
    static final String ACETAMINOPHEN = "1141007F1063";

    static final FacilityDirectory DIRECTORY = new FacilityDirectory() {
        private final Map<String, String> names = Map.of(UPLOADER, "駅前薬局 (登録)", REGISTERED, "南町薬局 (登録)");

        @Override
        public String name(String facilityId) {
            return names.getOrDefault(facilityId, facilityId);
        }

        @Override
        public Optional<String> withCode(String code) {
            return REGISTERED_CODE.equals(code) ? Optional.of(REGISTERED) : Optional.empty();
        }
    };
    final MedicationCourses courses = new MedicationCourses(DIRECTORY);
    final FindingIssues issues = new FindingIssues();

    @Test
    void twoPharmaciesInOneUploadedNotebookGiveOneFindingNamingBothPharmaciesAndPrescribers() {
        MedicationDispense a = notebookDispense("1", AMLODIPINE_A, "アムロジピン錠5mg「A」", "2025-05-01", 28,
                "さくら薬局 本町店", "1341111111", "山田 一郎", "本町内科クリニック", "1311111111");
        MedicationDispense b = notebookDispense("2", AMLODIPINE_B, "アムロジピンOD錠5mg「B」", "2025-05-10", 28,
                "あおば薬局", "1342222222", "佐藤 花子", "中央病院", "1312222222");
        List<MedicationFinding> findings = MedicationCheck.findings(courses.of(List.of(a, b), List.of()));

        assertThat(findings).hasSize(1);
        MedicationFinding finding = findings.get(0);
        assertThat(finding.rule()).isEqualTo(MedicationFinding.Rule.SAME_INGREDIENT);
        assertThat(finding.key()).isEqualTo("YJ 2171022");
        String detail = issues.toIssue(finding).getDetail();
        assertThat(detail).contains("あおば薬局", "さくら薬局 本町店", "佐藤 花子 医師 (中央病院", "山田 一郎 医師 (本町内科クリニック",
                "2025-05-10〜2025-05-28");
        // the uploader is provenance, not the pharmacy of these dispenses
        assertThat(detail).doesNotContain("駅前薬局");
        assertThat(SourceFacilityStamp.sourcesOf(a)).containsExactly(UPLOADER);
    }

    @Test
    void theSamePharmacyAndDoctorContinuingAPrescriptionInOneNotebookIsNoFinding() {
        MedicationDispense first = notebookDispense("1", AMLODIPINE_A, "アムロジピン錠5mg", "2025-05-01", 28,
                "さくら薬局 本町店", "1341111111", "山田 一郎", "本町内科クリニック", "1311111111");
        // the next visit, a few days early, the name written with a full-width space
        MedicationDispense next = notebookDispense("2", AMLODIPINE_A, "アムロジピン錠5mg", "2025-05-25", 28,
                "さくら薬局 本町店", "1341111111", "山田　一郎", "本町内科クリニック", "1311111111");
        assertThat(MedicationCheck.findings(courses.of(List.of(first, next), List.of()))).isEmpty();

        MedicationDispense otherDoctor = notebookDispense("3", AMLODIPINE_A, "アムロジピン錠5mg", "2025-05-25", 28,
                "さくら薬局 本町店", "1341111111", "佐藤 花子", "中央病院", "1312222222");
        assertThat(MedicationCheck.findings(courses.of(List.of(first, otherDoctor), List.of()))).hasSize(1);
    }

    @Test
    void aNamedPharmacyWhoseCodeIsRegisteredIsThatFacilityUnderItsRegisteredName() {
        MedicationDispense inNotebook = notebookDispense("1", AMLODIPINE_A, "アムロジピン錠5mg", "2025-05-01", 28,
                "みなみ町薬局", REGISTERED_CODE, "山田 一郎", "本町内科クリニック", "1311111111");
        MedicationCourse course = courses.of(List.of(inNotebook), List.of()).get(0);
        assertThat(course.pharmacy()).isEqualTo(new Party("facility:" + REGISTERED, "南町薬局 (登録)"));

        // the registered pharmacy's own upload of the same dispensing: same pharmacy, same doctor, no finding
        MedicationDispense own = notebookDispense("2", AMLODIPINE_A, "アムロジピン錠5mg", "2025-05-01", 28,
                "みなみ町薬局", REGISTERED_CODE, "山田 一郎", "本町内科クリニック", "1311111111");
        SourceFacilityStamp.tag(own, REGISTERED);
        assertThat(MedicationCheck.findings(courses.of(List.of(inNotebook, own), List.of()))).isEmpty();

        // a logical reference to the registry facility (what the gateway writes for a registered code) is the same
        MedicationDispense byReference = notebookDispense("3", AMLODIPINE_A, "アムロジピン錠5mg", "2025-05-01", 28,
                "みなみ町薬局", REGISTERED_CODE, "山田 一郎", "本町内科クリニック", "1311111111");
        byReference.getPerformerFirstRep().setActor(new Reference().setType("Organization")
                .setIdentifier(new Identifier().setSystem(HubSystems.FACILITY).setValue(REGISTERED)));
        assertThat(courses.of(List.of(byReference), List.of()).get(0).pharmacy().key()).isEqualTo("facility:" + REGISTERED);
    }

    @Test
    void aRecordNamingNoPharmacyIsTheUploadersAsBefore() {
        MedicationDispense plain = new MedicationDispense();
        plain.setId("MedicationDispense/9");
        plain.setMedication(drug(AMLODIPINE_A, "アムロジピン錠5mg"));
        plain.setWhenHandedOver(date("2025-05-01"));
        SourceFacilityStamp.tag(plain, UPLOADER);
        MedicationCourse course = courses.of(List.of(plain), List.of()).get(0);
        assertThat(course.pharmacy()).isEqualTo(new Party("facility:" + UPLOADER, "駅前薬局 (登録)"));
        assertThat(course.prescriber()).isEqualTo(Party.NONE);
    }

    @Test
    void aPrescriptionNamingItsDoctorAndOrderingFacilityIsThatDoctorThere() {
        MedicationRequest request = new MedicationRequest();
        request.setId("MedicationRequest/5");
        request.setMedication(drug(LOXOPROFEN, "ロキソプロフェンNa錠60mg"));
        request.setAuthoredOn(date("2025-05-01"));
        Practitioner doctor = new Practitioner();
        doctor.setId("requester");
        doctor.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.41.11311111111").setValue("D0042");
        doctor.addName(new HumanName().setText("鈴木 次郎"));
        Organization hospital = organization("ordering-facility", "市立病院", REGISTERED_CODE);
        PractitionerRole role = new PractitionerRole();
        role.setId("requester-role");
        role.setPractitioner(new Reference("#requester"));
        role.setOrganization(new Reference("#ordering-facility"));
        request.addContained(doctor);
        request.addContained(hospital);
        request.addContained(role);
        request.setRequester(new Reference("#requester-role"));
        SourceFacilityStamp.tag(request, UPLOADER);
        Party prescriber = courses.of(List.of(), List.of(request)).get(0).prescriber();
        assertThat(prescriber.key()).isEqualTo("practitioner:urn:oid:1.2.392.100495.20.3.41.11311111111|D0042@facility:"
                + REGISTERED);
        assertThat(prescriber.name()).isEqualTo("鈴木 次郎 医師 (南町薬局 (登録))");
    }

    @Test
    void otcAspirinWithAPrescribedNsaidIsASameClassFinding() {
        MedicationStatement aspirin = otc("1", "バイエルアスピリン (アスピリン 500mg)", "2025-05-03", "2025-05-06");
        MedicationDispense loxoprofen = dispense("2", LOXOPROFEN, "ロキソプロフェンNa錠60mg「サワイ」", "2025-05-01", 7);
        List<MedicationFinding> findings = MedicationCheck.findings(courses.of(List.of(loxoprofen), List.of(), List.of(aspirin)));
        assertThat(findings).extracting(MedicationFinding::rule, MedicationFinding::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MedicationFinding.Rule.SAME_DRUG_CLASS, "NSAID (非ステロイド性抗炎症薬)"));
        assertThat(issues.toIssue(findings.get(0)).getDetail()).contains("一般用医薬品 (処方なし)", "バイエルアスピリン",
                "ロキソプロフェンNa錠60mg", "2025-05-03〜2025-05-06");
        assertThat(issues.toIssue(findings.get(0)).getSeverity())
                .isEqualTo(org.hl7.fhir.r4.model.DetectedIssue.DetectedIssueSeverity.MODERATE);
    }

    @Test
    void otcAspirinWithPrescribedLowDoseAspirinIsTheSameIngredientAndWithClopidogrelAnAntiplateletFinding() {
        MedicationStatement aspirin = otc("1", "バファリンA", "2025-05-03", "2025-05-06");
        // the OTC product's ingredient as a coding, as the notebook's record 31 names it
        aspirin.getMedicationCodeableConcept().addCoding(new Coding(null, null, "アセチルサリチル酸"));
        MedicationDispense bayaspirin = dispense("2", BAYASPIRIN, "バイアスピリン錠100mg", "2025-04-20", 30);
        List<MedicationFinding> same = MedicationCheck.findings(courses.of(List.of(bayaspirin), List.of(), List.of(aspirin)));
        assertThat(same).extracting(MedicationFinding::rule, MedicationFinding::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MedicationFinding.Rule.SAME_INGREDIENT, "アスピリン"));

        MedicationDispense clopidogrel = dispense("3", "3399008F2021", "クロピドグレル錠75mg", "2025-04-20", 30);
        MedicationStatement lowDose = otc("4", "アスピリン腸溶錠", "2025-05-01", "2025-05-20");
        assertThat(MedicationCheck.findings(courses.of(List.of(clopidogrel), List.of(), List.of(lowDose))))
                .extracting(MedicationFinding::rule, MedicationFinding::key).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MedicationFinding.Rule.SAME_DRUG_CLASS, "抗血小板薬"));
    }

    @Test
    void anOtcProductNamedByBrandIsRecognisedByTheIngredientsOfItsContainedMedication() {
        MedicationStatement combination = otc("6", "ナロンエース", "2025-05-03", "2025-05-06");
        org.hl7.fhir.r4.model.Medication product = new org.hl7.fhir.r4.model.Medication();
        product.setId("otc-product");
        product.getCode().setText("ナロンエース");
        // the components as the notebook's record 31 lists them
        product.addIngredient().setItem(new CodeableConcept(new Coding(JpCoreSystems.YJ, "1149001", "イブプロフェン")));
        product.addIngredient().setItem(new CodeableConcept().addCoding(new Coding(null, null, "エテンザミド")));
        combination.addContained(product);
        combination.setMedication(new Reference("#otc-product"));
        MedicationDispense loxoprofen = dispense("2", LOXOPROFEN, "ロキソプロフェンNa錠60mg「サワイ」", "2025-05-01", 7);
        assertThat(MedicationCheck.findings(courses.of(List.of(loxoprofen), List.of(), List.of(combination))))
                .extracting(MedicationFinding::rule).containsExactly(MedicationFinding.Rule.SAME_DRUG_CLASS);
        MedicationStatement plain = otc("7", "ナロンエース", "2025-05-03", "2025-05-06");
        assertThat(MedicationCheck.findings(courses.of(List.of(loxoprofen), List.of(), List.of(plain)))).isEmpty();
    }

    @Test
    void acetaminophenATopicalNsaidAndNonOverlappingOtcGiveNoFinding() {
        MedicationStatement aspirin = otc("1", "アスピリン", "2025-05-03", "2025-05-06");
        MedicationDispense acetaminophen = dispense("2", ACETAMINOPHEN, "アセトアミノフェン錠200mg", "2025-05-01", 7);
        MedicationDispense tape = dispense("3", LOXOPROFEN_TAPE, "ロキソプロフェンNaテープ100mg", "2025-05-01", 7);
        MedicationDispense later = dispense("4", LOXOPROFEN, "ロキソプロフェンNa錠60mg", "2025-05-07", 7);
        assertThat(MedicationCheck.findings(courses.of(List.of(acetaminophen, tape, later), List.of(), List.of(aspirin))))
                .isEmpty();
        MedicationStatement enteredInError = otc("5", "アスピリン", "2025-05-07", "2025-05-08");
        enteredInError.setStatus(MedicationStatement.MedicationStatementStatus.ENTEREDINERROR);
        assertThat(MedicationCheck.findings(courses.of(List.of(later), List.of(), List.of(enteredInError)))).isEmpty();
    }

    /** A dispense as the gateway maps a JAHIS TC dispensing block (records 5, 11, 15, 51, 55, 201, 301). */
    static MedicationDispense notebookDispense(String id, String yj, String name, String day, int days, String pharmacy,
                                               String pharmacyCode, String doctor, String institution,
                                               String institutionCode) {
        MedicationDispense dispense = dispense(id, yj, name, day, days);
        dispense.addContained(organization("pharmacy", pharmacy, pharmacyCode));
        dispense.addPerformer().setActor(new Reference("#pharmacy"));
        Practitioner pharmacist = new Practitioner();
        pharmacist.setId("pharmacist");
        pharmacist.addName(new HumanName().setText("薬剤師 太郎"));
        dispense.addContained(pharmacist);
        dispense.addPerformer().setActor(new Reference("#pharmacist"));
        dispense.addContained(organization("prescribing-facility", institution, institutionCode));
        Practitioner prescriber = new Practitioner();
        prescriber.setId("prescriber");
        prescriber.addName(new HumanName().setText(doctor));
        dispense.addContained(prescriber);
        PractitionerRole role = new PractitionerRole();
        role.setId("prescriber-role");
        role.setPractitioner(new Reference("#prescriber"));
        role.setOrganization(new Reference("#prescribing-facility"));
        dispense.addContained(role);
        dispense.addExtension(NamedParties.PRESCRIBER_EXTENSION, new Reference("#prescriber-role"));
        SourceFacilityStamp.tag(dispense, UPLOADER);
        // as stored and read back: contained IDs then carry their '#'
        FhirContext fhir = FhirContext.forR4Cached();
        MedicationDispense parsed = fhir.newJsonParser().parseResource(MedicationDispense.class,
                fhir.newJsonParser().encodeResourceToString(dispense));
        parsed.setId("MedicationDispense/" + id);
        return parsed;
    }

    static MedicationDispense dispense(String id, String yj, String name, String day, int days) {
        MedicationDispense dispense = new MedicationDispense();
        dispense.setId("MedicationDispense/" + id);
        dispense.setMedication(drug(yj, name));
        dispense.setWhenHandedOver(date(day));
        dispense.setDaysSupply(new Quantity().setValue(days).setUnit("日").setCode("d"));
        SourceFacilityStamp.tag(dispense, UPLOADER);
        return dispense;
    }

    static MedicationStatement otc(String id, String name, String from, String to) {
        MedicationStatement statement = new MedicationStatement();
        statement.setId("MedicationStatement/" + id);
        statement.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        statement.setMedication(new CodeableConcept().setText(name));
        statement.setEffective(new Period().setStart(date(from)).setEnd(date(to)));
        SourceFacilityStamp.tag(statement, UPLOADER);
        return statement;
    }

    static CodeableConcept drug(String yj, String name) {
        return new CodeableConcept(new Coding(JpCoreSystems.YJ, yj, name)).setText(name);
    }

    static Organization organization(String id, String name, String code) {
        Organization organization = new Organization();
        organization.setId(id);
        organization.setName(name);
        organization.addIdentifier().setSystem(JpCoreSystems.MEDICAL_INSTITUTION_NO).setValue(code);
        return organization;
    }
}
