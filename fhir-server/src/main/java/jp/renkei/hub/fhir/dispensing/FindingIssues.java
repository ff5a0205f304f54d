package jp.renkei.hub.fhir.dispensing;

import java.util.Date;

import jp.renkei.hub.fhir.views.SourceFacilities;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * A {@link MedicationFinding} as a FHIR DetectedIssue: code {@code DUPTHPY} (duplicate therapy, HL7 v3
 * ActCode) plus the hub's rule code, both records as {@code implicated}, and a Japanese explanation naming
 * both records, their periods and facilities in {@code detail}.
 */
@Component
public class FindingIssues {

    /** The hub's codes for its duplicate rules ({@link MedicationFinding.Rule#code()}). */
    public static final String RULE_SYSTEM = "https://renkei-hub.jp/fhir/CodeSystem/medication-check-rule";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private final SourceFacilities facilities;

    public FindingIssues(SourceFacilities facilities) {
        this.facilities = facilities;
    }

    public DetectedIssue toIssue(MedicationFinding finding) {
        DetectedIssue issue = new DetectedIssue();
        issue.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
        issue.setCode(new CodeableConcept()
                .addCoding(new Coding(ACT_CODE, "DUPTHPY", "Duplicate Therapy Alert"))
                .addCoding(new Coding(RULE_SYSTEM, finding.rule().code(), finding.rule().label()))
                .setText("重複投薬の可能性: " + finding.rule().label()));
        issue.setSeverity(finding.rule() == MedicationFinding.Rule.SAME_THERAPEUTIC_CLASS
                ? DetectedIssue.DetectedIssueSeverity.LOW : DetectedIssue.DetectedIssueSeverity.MODERATE);
        issue.setIdentified(new org.hl7.fhir.r4.model.DateTimeType(new Date()));
        issue.addImplicated(implicated(finding.first()));
        issue.addImplicated(implicated(finding.second()));
        issue.setDetail(explain(finding));
        return issue;
    }

    /** E.g. "同一成分 (YJ 2149039): A … と B … の期間が 2025-04-10〜2025-04-27 に重なっています". */
    public String explain(MedicationFinding finding) {
        MedicationCourse a = finding.first();
        MedicationCourse b = finding.second();
        java.time.LocalDate overlapStart = a.start().isAfter(b.start()) ? a.start() : b.start();
        java.time.LocalDate overlapEnd = (a.end().isBefore(b.end()) ? a.end() : b.end()).minusDays(1);
        return finding.rule().label() + " (" + keyText(finding) + "): " + describe(a) + " と " + describe(b)
                + " の服用期間が " + overlapStart + "〜" + overlapEnd + " に重なっています";
    }

    /** One record for people: drug, code, period, pharmacy, prescriber and the record's ID. */
    public String describe(MedicationCourse course) {
        StringBuilder text = new StringBuilder()
                .append(course.drug().text()).append(" [").append(course.drug().codeText()).append("] ")
                .append(course.start()).append("〜").append(course.lastDay());
        if (!course.pharmacy().isEmpty()) {
            text.append(", 調剤: ").append(facilities.name(course.pharmacy()));
        }
        text.append(", 処方: ").append(prescriberText(course));
        return text.append(" (").append(course.recordId()).append(")").toString();
    }

    private String prescriberText(MedicationCourse course) {
        String prescriber = course.prescriber();
        if (prescriber.startsWith("facility:")) {
            return facilities.name(prescriber.substring("facility:".length()));
        }
        String place = course.prescribingFacility().isEmpty() ? "" : " / " + facilities.name(course.prescribingFacility());
        return (prescriber.isEmpty() ? "不明" : prescriber) + place;
    }

    private static String keyText(MedicationFinding finding) {
        return switch (finding.rule()) {
            case SAME_PRODUCT -> "HOT7 " + finding.key();
            case SAME_INGREDIENT, SAME_THERAPEUTIC_CLASS -> "YJ " + finding.key();
        };
    }

    private Reference implicated(MedicationCourse course) {
        return new Reference(course.recordId()).setDisplay(describe(course));
    }
}
