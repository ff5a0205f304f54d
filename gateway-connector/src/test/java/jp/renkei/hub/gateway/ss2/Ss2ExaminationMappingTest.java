package jp.renkei.hub.gateway.ss2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

/**
 * The data types beyond prescriptions and lab results, from the SS-MIX2 samples and the hub's own fixtures: lab
 * and examination orders, examinations performed, physiology results, the patient record's measurements and
 * allergies, documents; and the segments left out, each with its reason.
 */
class Ss2ExaminationMappingTest {

    private static final String P = "999/901/9999013/";

    @Test
    void radiologyOrderIsOneRequestPerOrderWithItsRadiographsBasedOnIt() {
        List<ServiceRequest> requests = only(Ss2Samples.map(P
                + "20111220/OMG-01/9999013_20111220_OMG-01_000201101200100_20111220224447339_-_1"), ServiceRequest.class);

        // NW and PA of order …100 are one request; …101 to …104 are its four radiographs
        assertThat(requests).hasSize(5);
        ServiceRequest order = requests.get(0);
        assertThat(order.getCode().getText()).isEqualTo("Ｘ線単純撮影");
        assertThat(order.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("RAD");
        assertThat(order.getAuthoredOnElement().getValueAsString()).isEqualTo("2011-12-20T10:00:59+09:00");
        assertThat(order.getRequester().getDisplay()).isEqualTo("医師 太郎");
        assertThat(order.getNote()).extracting(n -> n.getText()).containsExactly("体重: 62 kg");
        assertThat(requests.subList(1, 5)).allSatisfy(child -> assertThat(child.getBasedOnFirstRep().getReference())
                .isEqualTo("ServiceRequest/" + order.getIdElement().getIdPart()));
        assertThat(requests.get(1).getCode().getText()).isEqualTo("胸部.Ｘ線単純撮影.立位正面(A→P)");
        assertThat(requests).allSatisfy(r -> assertThat(r.getMeta().getProfile().get(0).getValue())
                .isEqualTo(JpCoreSystems.JP_SERVICE_REQUEST));
    }

    @Test
    void labOrderListsTheRequestedTestsAndTheSpecimen() {
        List<ServiceRequest> requests = only(Ss2Samples.map(P
                + "20111220/OML-01/9999013_20111220_OML-01_000000011000354_20111220103059123_15_1"), ServiceRequest.class);

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getCode().getText()).isEqualTo("生化学的検査");
        assertThat(requests.get(0).getOrderDetail()).extracting(c -> c.getCodingFirstRep().getCode())
                .containsExactly("3A010000002327101", "3J010000002327101", "3B035000002327201", "3B050000002327201");
        assertThat(requests.get(1).getOrderDetail()).hasSize(3);
        assertThat(((org.hl7.fhir.r4.model.Specimen) requests.get(1).getContained().get(0)).getType().getText())
                .isEqualTo("血漿");
    }

    @Test
    void endoscopyOrderKeepsTheClinicalInformationAsNotes() {
        ServiceRequest order = only(Ss2Samples.map(P
                + "20111220/OMG-02/9999013_20111220_OMG-02_201212201252100_20111220224447339_01_1"), ServiceRequest.class)
                .get(0);

        assertThat(order.getNote()).extracting(n -> n.getText()).containsExactly("視覚障害: 重度",
                "外来所見: 12月19日強い上腹部痛を感じた。翌日になっても軽快しなかったため、来院。", "臨床病名: 胃潰瘍の疑い",
                "内視鏡検査理由: 臨床病名に対する精査");
    }

    @Test
    void endoscopyPerformedIsAProcedureWithItsPeopleDrugsAndStudy() {
        List<Procedure> procedures = only(Ss2Samples.map(P
                + "20111220/OMG-12/9999013_20111220_OMG-12_201112201656100_20111220224447339_01_1"), Procedure.class);

        assertThat(procedures).hasSize(4);
        Procedure upper = procedures.get(2);
        assertThat(upper.getCode().getText()).isEqualTo("検査.上部.-.-.上部通常内視鏡.-");
        assertThat(upper.getStatus()).isEqualTo(Procedure.ProcedureStatus.COMPLETED);
        assertThat(upper.getPerformedDateTimeType().getValueAsString()).isEqualTo("2011-12-20");
        assertThat(upper.getPerformer()).extracting(p -> p.getActor().getDisplay(), p -> p.getFunction().getText())
                .contains(org.assertj.core.groups.Tuple.tuple("大江戸 信吉", "正従業員の実施医師"));
        assertThat(upper.getNote()).extracting(n -> n.getText()).contains("実施項目: 検査.上部.-.-.上部通常内視鏡.-",
                "開始時間: 2011-11-20T14:45:12+09:00", "薬品: セルシン5mg 1管", "内視鏡: GIF-XQ240");
        assertThat(upper.getIdentifier()).anyMatch(i -> JpCoreSystems.DICOM_UID.equals(i.getSystem())
                && i.getValue().equals("urn:oid:1.2.392.1114.2008.543233.1"));
        assertThat(upper.getPartOfFirstRep().getReference()).isEqualTo("Procedure/"
                + procedures.get(0).getIdElement().getIdPart());
    }

    @Test
    void physiologyResultIsAReportWithMeasurementsAndTheFinding() {
        Ss2Samples.Mapped mapped = Ss2Samples.map(P
                + "20111220/OMG-13/9999013_20111220_OMG-13_999999999999999_20111220224447339_01_1");
        DiagnosticReport ecg = only(mapped, DiagnosticReport.class).get(0);
        List<Observation> measurements = only(mapped, Observation.class);

        assertThat(measurements).hasSize(12);
        assertThat(ecg.getCode().getCodingFirstRep().getCode()).isEqualTo("9A110");
        assertThat(ecg.getConclusion()).isEqualTo("心筋虚血疑い");
        assertThat(ecg.getResult()).hasSize(12);
        Observation heartRate = measurements.get(1);
        assertThat(heartRate.getCode().getText()).isEqualTo("心拍数");
        assertThat(heartRate.getValueQuantity().getValue()).isEqualByComparingTo("67");
        assertThat(heartRate.getValueQuantity().getUnit()).isEqualTo("bpm");
        assertThat(ecg.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2011-12-20");
    }

    @Test
    void thePatientRecordsMeasurementsAndAllergyAreKeptAndTheRestIsReported() {
        Ss2Samples.Mapped mapped = Ss2Samples.map(P + "-/ADT-00/9999013_-_ADT-00_999999999999999_20111220224447339_-_1");

        List<Observation> observations = only(mapped, Observation.class);
        assertThat(observations).extracting(o -> o.getCode().getText()).containsExactly("身長", "体重", "血液型-ABO式");
        assertThat(observations.get(0).getValueQuantity().getValue()).isEqualByComparingTo("167.8");
        assertThat(observations.get(0).getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("body-measurement");
        assertThat(observations.get(2).getValueCodeableConcept().getText()).isEqualTo("A");
        AllergyIntolerance penicillin = only(mapped, AllergyIntolerance.class).get(0);
        assertThat(penicillin.getCode().getText()).isEqualTo("ペニシリン");
        assertThat(penicillin.getCategory().get(0).getValue())
                .isEqualTo(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
        assertThat(mapped.warnings()).containsExactly(
                "not mapped: NK1[4] (next of kin, employer): contact details, not shared over the network",
                "not mapped: DB1[6] (disability): JP Core 1.1.2 has no profile for it; not shared",
                "not mapped: IN1[11] (insurance): the network does not share insurance data");
    }

    @Test
    void dischargeSummaryIsADocumentReferenceWithItsText() {
        Ss2Samples.Mapped mapped = Ss2Samples.own(Ss2CorpusTest.DISCHARGE_SUMMARY);
        DocumentReference summary = only(mapped, DocumentReference.class).get(0);

        assertThat(summary.getMeta().getProfile().get(0).getValue()).isEqualTo(JpCoreSystems.JP_DOCUMENT_REFERENCE);
        assertThat(summary.getType().getCodingFirstRep().getCode()).isEqualTo("18842-5");
        assertThat(summary.getType().getText()).isEqualTo("退院時サマリ");
        assertThat(summary.getDocStatus()).isEqualTo(DocumentReference.ReferredDocumentStatus.FINAL);
        assertThat(summary.getAuthorFirstRep().getDisplay()).isEqualTo("医師 一郎");
        assertThat(summary.getContext().getPeriod().getStartElement().getValueAsString())
                .isEqualTo("2024-02-01T10:00:00+09:00");
        String text = new String(summary.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("【主訴】\n発熱、咳嗽").contains("【退院時処方】\n");
        assertThat(summary.getContent()).hasSize(2);
        assertThat(summary.getContent().get(1).getAttachment().getContentType()).isEqualTo("application/pdf");
        assertThat(new String(summary.getContent().get(1).getAttachment().getData(), StandardCharsets.US_ASCII))
                .startsWith("%PDF-1.4");
        assertThat(mapped.warnings()).isEmpty();
    }

    @Test
    void anEncapsulatedLabReportIsThePresentedFormAndBadBase64IsRefused() throws Exception {
        String lab = "20111220/OML-11/9999013_20111220_OML-11_000000011000354_20111220103059000_01_1";
        String text = jp.renkei.hub.gateway.hl7.Iso2022Jp.decode(Ss2Samples.read(Ss2Samples.ROOT.resolve(P + lab)));
        String pdf = java.util.Base64.getEncoder().encodeToString("%PDF-1.4 lab".getBytes(StandardCharsets.US_ASCII));
        String withPdf = text.stripTrailing() + "\rOBX|4|ED|PDF^検査結果報告書^99L01||^AP^PDF^Base64^" + pdf
                + "||||||F\r";

        DiagnosticReport report = only(Ss2Samples.map(P + lab, jp.renkei.hub.gateway.hl7.Iso2022Jp.encode(withPdf)),
                DiagnosticReport.class).get(0);
        assertThat(report.getResult()).hasSize(3);
        assertThat(report.getPresentedFormFirstRep().getContentType()).isEqualTo("application/pdf");
        assertThat(report.getPresentedFormFirstRep().getTitle()).isEqualTo("検査結果報告書");
        assertThat(new String(report.getPresentedFormFirstRep().getData(), StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-1.4 lab");

        Ss2Samples.Mapped refused = Ss2Samples.map(P + lab,
                jp.renkei.hub.gateway.hl7.Iso2022Jp.encode(withPdf.replace(pdf, "not*base64")));
        assertThat(refused.failure().describe())
                .isEqualTo("OBX[10]-5.5: the encapsulated document is not valid Base64: Illegal base64 character 2a");
    }

    private static <R extends Resource> List<R> only(Ss2Samples.Mapped mapped, Class<R> type) {
        assertThat(mapped.failure()).as("failure of " + mapped.relative()).isNull();
        return mapped.resources().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
