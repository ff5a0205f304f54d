package jp.renkei.hub.fhir.dispensing;

import java.util.Date;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * A {@link MedicationFinding} as a FHIR DetectedIssue: code {@code DUPTHPY} (duplicate therapy, HL7 v3
 * ActCode) plus the hub's rule code, both records as {@code implicated}, and a Japanese explanation naming
 * both records, their periods and the pharmacies and prescribers they name in {@code detail}.
 */
@Component
public class FindingIssues {

    /** The hub's codes for its duplicate rules ({@link MedicationFinding.Rule#code()}). */
    public static final String RULE_SYSTEM = "https://renkei-hub.jp/fhir/CodeSystem/medication-check-rule";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

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

    /**
     * E.g. "同一成分 (YJ 2149039): A … と B … の服用期間が 2025-04-10〜2025-04-27 に重なっています", each record with the
     * pharmacy and prescriber it names.
     */
    public String explain(MedicationFinding finding) {
        MedicationCourse a = finding.first();
        MedicationCourse b = finding.second();
        java.time.LocalDate overlapStart = a.start().isAfter(b.start()) ? a.start() : b.start();
        java.time.LocalDate overlapEnd = (a.end().isBefore(b.end()) ? a.end() : b.end()).minusDays(1);
        return finding.rule().label() + " (" + finding.key() + "): " + describe(a) + " と " + describe(b)
                + " の服用期間が " + overlapStart + "〜" + overlapEnd + " に重なっています";
    }

    /** One record for people: drug, code, period, pharmacy and prescriber as the record names them, and its ID. */
    public String describe(MedicationCourse course) {
        StringBuilder text = new StringBuilder()
                .append(course.drug().text()).append(" [").append(course.drug().codeText()).append("] ")
                .append(course.start()).append("〜").append(course.lastDay());
        if (course.otc()) {
            text.append(", ").append(course.prescriber().name());
        } else {
            if (!course.pharmacy().isEmpty()) {
                text.append(", 調剤: ").append(course.pharmacy().name());
            }
            text.append(", 処方: ").append(course.prescriber().isEmpty() ? "不明" : course.prescriber().name());
        }
        return text.append(" (").append(course.recordId()).append(")").toString();
    }

    private Reference implicated(MedicationCourse course) {
        return new Reference(course.recordId()).setDisplay(describe(course));
    }
}
