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

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;

/**
 * Turns dispenses, prescriptions and OTC statements into {@link MedicationCourse}s, newest first. A prescription
 * that a dispense in the list fills ({@code MedicationDispense.authorizingPrescription}) is not a course of its own.
 *
 * <ul>
 *   <li>Dispense: from {@code whenHandedOver} (else {@code whenPrepared}) for {@code daysSupply} days;
 *       pharmacy = the organization the record names as performer (registry facility when its code is
 *       registered), else its source facility; prescriber = the filled prescription's requester (a loaded or
 *       contained MedicationRequest), else the prescriber extension (JAHIS: doctor and institution), else the
 *       display of {@code authorizingPrescription} ({@link NamedParties}).</li>
 *   <li>Prescription: from {@code dispenseRequest.validityPeriod.start} (else {@code authoredOn}) for
 *       {@code dispenseRequest.expectedSupplyDuration} (else the first dosage's {@code timing.repeat.boundsDuration});
 *       prescriber = its requester as named (contained doctor and institution, reference, display), else its
 *       source facility.</li>
 *   <li>OTC drug (MedicationStatement): from {@code effectivePeriod.start} (else {@code effectiveDateTime}, else
 *       {@code dateAsserted}) to {@code effectivePeriod.end} (inclusive), else one day; no pharmacy; its own
 *       "prescriber" (the patient's choice), so it is compared with every other course.</li>
 *   <li>Without a date the record's last update is taken; without a duration, one day.</li>
 * </ul>
 */
@Component
public class MedicationCourses {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final NamedParties parties;

    public MedicationCourses(FacilityDirectory directory) {
        this.parties = new NamedParties(directory);
    }

    public List<MedicationCourse> of(List<MedicationDispense> dispenses, List<MedicationRequest> requests) {
        return of(dispenses, requests, List.of());
    }

    public List<MedicationCourse> of(List<MedicationDispense> dispenses, List<MedicationRequest> requests,
                                     List<MedicationStatement> statements) {
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
            courses.add(new MedicationCourse(dispense, DrugCode.of(drug(dispense, dispense.getMedication())), start,
                    start.plusDays(days(dispense.hasDaysSupply() ? dispense.getDaysSupply() : null)),
                    parties.prescriberOf(dispense, prescription), parties.pharmacyOf(dispense)));
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
                    start.plusDays(days(duration)), parties.prescriberOf(request), Party.NONE));
        }
        for (MedicationStatement statement : statements) {
            if (statement.getStatus() == MedicationStatement.MedicationStatementStatus.ENTEREDINERROR
                    || statement.getStatus() == MedicationStatement.MedicationStatementStatus.NOTTAKEN) {
                continue;
            }
            courses.add(otc(statement));
        }
        courses.sort(Comparator.comparing(MedicationCourse::start).reversed()
                .thenComparing(MedicationCourse::recordId));
        return courses;
    }

    private static MedicationCourse otc(MedicationStatement statement) {
        Date from = statement.hasEffectivePeriod() && statement.getEffectivePeriod().hasStart()
                ? statement.getEffectivePeriod().getStart()
                : statement.hasEffectiveDateTimeType() ? statement.getEffectiveDateTimeType().getValue()
                : statement.getDateAsserted();
        LocalDate start = day(from, statement);
        LocalDate end = statement.hasEffectivePeriod() && statement.getEffectivePeriod().hasEnd()
                ? day(statement.getEffectivePeriod().getEnd(), statement).plusDays(1) : start.plusDays(1);
        String id = statement.getIdElement().toUnqualifiedVersionless().getValue();
        Party self = new Party("otc:" + id, "一般用医薬品 (処方なし)");
        return new MedicationCourse(statement, DrugCode.of(drug(statement, statement.getMedication())), start,
                end.isAfter(start) ? end : start.plusDays(1), self, Party.NONE);
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
                        .filter(r -> r instanceof MedicationRequest
                                && ref.substring(1).equals(r.getIdElement().getIdPart().replaceFirst("^#", "")))
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

    /** The concept, or a contained Medication's code with its ingredients as further codings, else the display. */
    private static CodeableConcept drug(DomainResource owner, Type medication) {
        if (medication instanceof CodeableConcept concept) {
            return concept;
        }
        Reference reference = medication instanceof Reference r ? r : new Reference();
        String ref = reference.getReference();
        return owner.getContained().stream()
                .filter(r -> r instanceof Medication && ref != null && ref.startsWith("#")
                        && ref.substring(1).equals(r.getIdElement().getIdPart().replaceFirst("^#", "")))
                .map(r -> withIngredients((Medication) r)).findFirst()
                .orElseGet(() -> new CodeableConcept().setText(reference.getDisplay()));
    }

    private static CodeableConcept withIngredients(Medication medication) {
        CodeableConcept drug = medication.getCode().copy();
        medication.getIngredient().stream().filter(Medication.MedicationIngredientComponent::hasItemCodeableConcept)
                .flatMap(i -> i.getItemCodeableConcept().getCoding().stream()).forEach(c -> drug.addCoding(c.copy()));
        return drug;
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
