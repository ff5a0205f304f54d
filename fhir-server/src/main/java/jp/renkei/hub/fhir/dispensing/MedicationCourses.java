package jp.renkei.hub.fhir.dispensing;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.fhir.views.SourceFacilities;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns dispenses and prescriptions into {@link MedicationCourse}s, newest first. A prescription that a
 * dispense in the list fills ({@code MedicationDispense.authorizingPrescription}) is not a course of its own.
 *
 * <ul>
 *   <li>Dispense: from {@code whenHandedOver} (else {@code whenPrepared}) for {@code daysSupply} days;
 *       pharmacy = its source facility; prescriber = the filled prescription's requester (a loaded or contained
 *       MedicationRequest), else the display of {@code authorizingPrescription}.</li>
 *   <li>Prescription: from {@code dispenseRequest.validityPeriod.start} (else {@code authoredOn}) for
 *       {@code dispenseRequest.expectedSupplyDuration} (else the first dosage's {@code timing.repeat.boundsDuration});
 *       prescriber = its requester (reference, else display), else its source facility.</li>
 *   <li>Without a date the record's last update is taken; without a duration, one day.</li>
 * </ul>
 */
public final class MedicationCourses {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private MedicationCourses() {
    }

    public static List<MedicationCourse> of(List<MedicationDispense> dispenses, List<MedicationRequest> requests) {
        Map<String, MedicationRequest> requestsById = new HashMap<>();
        requests.forEach(r -> requestsById.put(r.getIdElement().toUnqualifiedVersionless().getValue(), r));
        Set<String> filled = new HashSet<>();
        List<MedicationCourse> courses = new ArrayList<>();
        for (MedicationDispense dispense : dispenses) {
            Optional<MedicationRequest> prescription = prescriptionOf(dispense, requestsById);
            dispense.getAuthorizingPrescription().stream().filter(Reference::hasReference)
                    .forEach(r -> filled.add(r.getReference()));
            LocalDate start = day(dispense.hasWhenHandedOver() ? dispense.getWhenHandedOver()
                    : dispense.hasWhenPrepared() ? dispense.getWhenPrepared() : null, dispense);
            String prescriber = prescription.map(MedicationCourses::prescriberOf)
                    .orElseGet(() -> dispense.getAuthorizingPrescription().stream().filter(Reference::hasDisplay)
                            .map(Reference::getDisplay).findFirst().orElse(""));
            String prescribingFacility = prescription.filter(p -> p.getIdElement().hasResourceType())
                    .map(SourceFacilities::sourceOf).orElse("");
            courses.add(new MedicationCourse(dispense, DrugCode.of(drugOf(dispense)), start,
                    start.plusDays(days(dispense.hasDaysSupply() ? dispense.getDaysSupply() : null)), prescriber,
                    prescribingFacility, SourceFacilities.sourceOf(dispense)));
        }
        for (MedicationRequest request : requests) {
            if (filled.contains(request.getIdElement().toUnqualifiedVersionless().getValue())) {
                continue;
            }
            Date from = request.getDispenseRequest().getValidityPeriod().hasStart()
                    ? request.getDispenseRequest().getValidityPeriod().getStart() : request.getAuthoredOn();
            LocalDate start = day(from, request);
            Quantity duration = request.getDispenseRequest().hasExpectedSupplyDuration()
                    ? request.getDispenseRequest().getExpectedSupplyDuration()
                    : request.getDosageInstruction().stream()
                    .filter(d -> d.getTiming().getRepeat().hasBoundsDuration())
                    .map(d -> (Quantity) d.getTiming().getRepeat().getBoundsDuration()).findFirst().orElse(null);
            courses.add(new MedicationCourse(request, DrugCode.of(request.getMedicationCodeableConcept()), start,
                    start.plusDays(days(duration)), prescriberOf(request), SourceFacilities.sourceOf(request), ""));
        }
        courses.sort(Comparator.comparing(MedicationCourse::start).reversed()
                .thenComparing(MedicationCourse::recordId));
        return courses;
    }

    private static Optional<MedicationRequest> prescriptionOf(MedicationDispense dispense,
                                                              Map<String, MedicationRequest> loaded) {
        for (Reference reference : dispense.getAuthorizingPrescription()) {
            if (!reference.hasReference()) {
                continue;
            }
            String ref = reference.getReference();
            if (ref.startsWith("#")) {
                Optional<MedicationRequest> contained = dispense.getContained().stream()
                        .filter(r -> r instanceof MedicationRequest && ref.substring(1).equals(r.getIdElement().getIdPart()))
                        .map(MedicationRequest.class::cast).findFirst();
                if (contained.isPresent()) {
                    return contained;
                }
            } else if (loaded.containsKey(ref)) {
                return Optional.of(loaded.get(ref));
            }
        }
        return Optional.empty();
    }

    private static CodeableConcept drugOf(MedicationDispense dispense) {
        if (dispense.hasMedicationCodeableConcept()) {
            return dispense.getMedicationCodeableConcept();
        }
        String ref = dispense.hasMedicationReference() ? dispense.getMedicationReference().getReference() : null;
        return dispense.getContained().stream()
                .filter(r -> r instanceof Medication && ref != null && ref.equals("#" + r.getIdElement().getIdPart()))
                .map(r -> ((Medication) r).getCode()).findFirst()
                .orElseGet(() -> new CodeableConcept().setText(dispense.hasMedicationReference()
                        ? dispense.getMedicationReference().getDisplay() : null));
    }

    /** The practitioner (reference, else display, else identifier), else the prescription's facility. */
    static String prescriberOf(MedicationRequest request) {
        Reference requester = request.getRequester();
        if (requester.hasReference()) {
            return requester.getReference();
        }
        if (requester.hasDisplay()) {
            return requester.getDisplay();
        }
        if (requester.hasIdentifier()) {
            return requester.getIdentifier().getSystem() + "|" + requester.getIdentifier().getValue();
        }
        String facility = SourceFacilities.sourceOf(request);
        return facility.isEmpty() ? "" : "facility:" + facility;
    }

    private static LocalDate day(Date date, Resource record) {
        Date when = date != null ? date : record.getMeta().getLastUpdated();
        return when == null ? LocalDate.now(JAPAN) : when.toInstant().atZone(JAPAN).toLocalDate();
    }

    /** Whole days of a supply duration: {@code d}/日 as is, {@code wk} ×7, {@code mo} ×30; at least one. */
    static long days(Quantity duration) {
        if (duration == null || !duration.hasValue()) {
            return 1;
        }
        String unit = duration.hasCode() ? duration.getCode() : duration.getUnit();
        double value = duration.getValue().doubleValue();
        if ("wk".equals(unit)) {
            value *= 7;
        } else if ("mo".equals(unit)) {
            value *= 30;
        }
        return Math.max(1, (long) Math.ceil(value));
    }
}
