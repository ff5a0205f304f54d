package jp.renkei.hub.gateway.jahis;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.ingest.IngestIds;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ingest.SourceRef;
import jp.renkei.hub.gateway.jahis.RxDocument.Drug;
import jp.renkei.hub.gateway.jahis.RxDocument.Rp;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Maps a read prescription 2D symbol to one ingest record: the patient (JP_Patient, when the prescription names
 * name, sex and birth date) and one JP_MedicationRequest per drug, with the prescribing facility and doctor as
 * contained JP_Organization / JP_Practitioner / JP_PractitionerRole (the requester).
 * <p>
 * Record key {@code JAHIS-RX/<patient hash>/<facility>/<prescription date>/<doctor>}, item {@code <Rp>/<order>}:
 * scanning the same prescription again writes nothing new. The local patient ID is hashed, as for TC files.
 */
public final class JahisPrescriptionMapper {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private JahisPrescriptionMapper() {
    }

    public static MappedRecord map(RxDocument document, String facilityId, String localPatientId, SourceRef source) {
        String recordKey = recordKey(localPatientId, document);
        List<Resource> resources = new ArrayList<>();
        document.patient().ifPresent(patient -> resources.add(JahisDispensingMapper.patient(patient)));
        for (Rp rp : document.rps()) {
            for (Drug drug : rp.drugs()) {
                resources.add(request(document, rp, drug, facilityId, recordKey));
            }
        }
        return new MappedRecord(facilityId, localPatientId, recordKey, document.issued().atStartOfDay(), false,
                resources, source);
    }

    static String recordKey(String localPatientId, RxDocument document) {
        String doctor = document.doctorCode() != null ? document.doctorCode()
                : document.doctor() != null ? "name:" + document.doctor().name() : "-";
        return "JAHIS-RX/" + JahisDispensingMapper.patientHash(localPatientId) + "/" + document.facilityCode() + "/"
                + document.issued().format(DAY) + "/" + doctor;
    }

    private static MedicationRequest request(RxDocument document, Rp rp, Drug drug, String facilityId,
                                             String recordKey) {
        String item = rp.number() + "/" + drug.order();
        MedicationRequest request = new MedicationRequest();
        request.setId(IngestIds.itemId(facilityId, "MedicationRequest", recordKey, item));
        request.getMeta().addProfile(JpCoreSystems.JP_MEDICATION_REQUEST);
        request.addIdentifier().setSystem(JahisDispensingMapper.RP_NUMBER).setValue(rp.number());
        request.addIdentifier().setSystem(JahisDispensingMapper.ORDER_IN_RP).setValue(String.valueOf(drug.order()));
        request.addIdentifier(IngestIds.sourceIdentifier(facilityId, recordKey, item));
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(JahisDispensingMapper.medication(drug.name(), drug.codeType(), drug.code()));
        request.setSubject(MappedRecord.subject());
        request.setAuthoredOnElement(new DateTimeType(document.issued().toString()));
        requester(request, document);
        request.addDosageInstruction(dosage(rp, drug));
        dispenseRequest(request, rp, drug, document);
        drug.notes().forEach(note -> request.addNote().setText(note));
        return request;
    }

    private static void requester(MedicationRequest request, RxDocument document) {
        Organization facility = JahisDispensingMapper.organization("prescribing-facility", document.facility());
        facility.getMeta().addProfile(JpCoreSystems.JP_ORGANIZATION);
        request.addContained(facility);
        if (document.doctor() == null) {
            request.setRequester(new Reference("#prescribing-facility"));
            return;
        }
        Practitioner doctor = JahisDispensingMapper.practitioner("prescriber", document.doctor());
        doctor.getMeta().addProfile(JpCoreSystems.PROFILE_BASE + "JP_Practitioner");
        request.addContained(doctor);
        PractitionerRole role = new PractitionerRole();
        role.setId("prescriber-role");
        role.getMeta().addProfile(JpCoreSystems.PROFILE_BASE + "JP_PractitionerRole");
        role.setPractitioner(new Reference("#prescriber"));
        role.setOrganization(new Reference("#prescribing-facility"));
        if (document.doctor().department() != null) {
            role.addSpecialty().setText(document.doctor().department());
        }
        request.addContained(role);
        request.setRequester(new Reference("#prescriber-role"));
    }

    /** Usage text and supplements; the amount per day for internal drugs, per dose otherwise. */
    private static Dosage dosage(Rp rp, Drug drug) {
        Dosage dosage = new Dosage().setText(rp.usage().text());
        rp.usageNotes().forEach(note -> dosage.addAdditionalInstruction().setText(note));
        Dosage.DosageDoseAndRateComponent amount = dosage.addDoseAndRate();
        amount.setType(new CodeableConcept(new Coding(JahisDispensingMapper.DOSE_TYPE, "1", "製剤量")));
        Quantity quantity = JahisDispensingMapper.quantity(drug.amount(), drug.unit());
        if (rp.perDay()) {
            amount.setRate(new Ratio().setNumerator(quantity).setDenominator(days(BigDecimal.ONE)));
        } else {
            amount.setDose(quantity);
        }
        return dosage;
    }

    /** Days for internal drugs; the total for as-needed (amount × doses) and other drugs (the amount). */
    private static void dispenseRequest(MedicationRequest request, Rp rp, Drug drug, RxDocument document) {
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
        if (rp.perDay() && rp.quantity() != null) {
            dispense.setExpectedSupplyDuration(days(rp.quantity()));
            dispense.setQuantity(JahisDispensingMapper.quantity(drug.amount().multiply(rp.quantity()), drug.unit()));
        } else if (rp.perDose() && rp.quantity() != null) {
            dispense.setQuantity(JahisDispensingMapper.quantity(drug.amount().multiply(rp.quantity()), drug.unit()));
        } else if (!rp.perDay() && !rp.perDose()) {
            dispense.setQuantity(JahisDispensingMapper.quantity(drug.amount(), drug.unit()));
        }
        if (document.expires() != null) {
            dispense.getValidityPeriod().setStartElement(new DateTimeType(document.issued().toString()))
                    .setEndElement(new DateTimeType(document.expires().toString()));
        }
    }

    private static Duration days(BigDecimal value) {
        return (Duration) new Duration().setValue(value).setUnit("日").setSystem(JpCoreSystems.UCUM).setCode("d");
    }
}
