package jp.renkei.hub.fhir.dispensing;

import java.time.LocalDate;
import java.util.List;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.hub.fhir.views.PatientData;
import jp.renkei.hub.fhir.views.PatientViews;
import jp.renkei.hub.fhir.views.ViewBundles;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code Patient/$dispensing-history} and {@code Patient/$medication-check} (type level with
 * {@code ?patient=<event number>}, or on {@code Patient/<id>}): every visible dispense across pharmacies and
 * hospitals, prescriptions no visible dispense fills, and OTC drugs the patient takes (MedicationStatement),
 * newest first, each with the facility it came from;
 * then the duplicate-medication findings ({@link MedicationCheck}) as DetectedIssues; then, if the consent
 * gate withheld some facilities' data, an OperationOutcome naming those facilities.
 */
@Component
public class DispensingHistoryProvider {

    public static final String HISTORY = "$dispensing-history";
    public static final String CHECK = "$medication-check";
    private static final List<String> TYPES = List.of("MedicationDispense", "MedicationRequest", "MedicationStatement");

    private final PatientViews views;
    private final ViewBundles bundles;
    private final FindingIssues issues;
    private final MedicationCourses medicationCourses;

    public DispensingHistoryProvider(PatientViews views, ViewBundles bundles, FindingIssues issues,
                                     MedicationCourses medicationCourses) {
        this.views = views;
        this.bundles = bundles;
        this.issues = issues;
        this.medicationCourses = medicationCourses;
    }

    /**
     * @param from first day of the range (inclusive, by the record's start date); open when absent
     * @param to   last day of the range (inclusive); open when absent
     */
    @Operation(name = HISTORY, type = Patient.class, idempotent = true)
    public Bundle history(@IdParam(optional = true) IdType patientId,
                          @OperationParam(name = PatientViews.PATIENT_PARAMETER, max = 1) StringType eventNumber,
                          @OperationParam(name = "from", max = 1) DateType from,
                          @OperationParam(name = "to", max = 1) DateType to,
                          RequestDetails request) {
        LocalDate first = day("from", from);
        LocalDate last = day("to", to);
        if (first != null && last != null && last.isBefore(first)) {
            throw new InvalidRequestException("to (" + last + ") is before from (" + first + ")");
        }
        PatientData data = load(patientId, eventNumber, request);
        List<MedicationCourse> all = courses(data);
        List<MedicationCourse> shown = all.stream().filter(c -> within(c, first, last)).toList();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        shown.forEach(course -> bundles.add(bundle, course.record(), request));
        // the check looks at every course, so a duplicate that began before the range is not missed
        MedicationCheck.findings(all).stream()
                .filter(f -> shown.contains(f.first()) || shown.contains(f.second()))
                .forEach(f -> bundles.add(bundle, issues.toIssue(f), request));
        addWithheld(bundle, data, request);
        return bundle;
    }

    @Operation(name = CHECK, type = Patient.class, idempotent = true)
    public Bundle check(@IdParam(optional = true) IdType patientId,
                        @OperationParam(name = PatientViews.PATIENT_PARAMETER, max = 1) StringType eventNumber,
                        RequestDetails request) {
        PatientData data = load(patientId, eventNumber, request);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        MedicationCheck.findings(courses(data)).forEach(f -> bundles.add(bundle, issues.toIssue(f), request));
        addWithheld(bundle, data, request);
        return bundle;
    }

    private PatientData load(IdType patientId, StringType eventNumber, RequestDetails request) {
        return views.load(request, patientId, eventNumber == null ? null : eventNumber.getValue(), TYPES);
    }

    private List<MedicationCourse> courses(PatientData data) {
        return medicationCourses.of(data.all(MedicationDispense.class), data.all(MedicationRequest.class),
                data.all(MedicationStatement.class));
    }

    private void addWithheld(Bundle bundle, PatientData data, RequestDetails request) {
        OperationOutcome withheld = bundles.withheldNotice(data);
        if (withheld != null) {
            bundles.add(bundle, withheld, request);
        }
    }

    private static boolean within(MedicationCourse course, LocalDate first, LocalDate last) {
        return (first == null || !course.start().isBefore(first)) && (last == null || !course.start().isAfter(last));
    }

    private static LocalDate day(String name, DateType date) {
        if (date == null || date.isEmpty()) {
            return null;
        }
        if (date.getPrecision() != ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
            throw new InvalidRequestException(name + " must be a full date (YYYY-MM-DD), got " + date.getValueAsString());
        }
        return LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
    }
}
