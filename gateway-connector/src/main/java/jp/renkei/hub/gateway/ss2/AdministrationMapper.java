package jp.renkei.hub.gateway.ss2;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import java.util.List;

import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationAdministration.MedicationAdministrationStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;

/**
 * OMP-11 / OMP-12 (prescription / injection administered, RAS^O17) → one JP_MedicationAdministration(_Injection)
 * per RXA: the drug RXA-5 (HOT9), the amount RXA-6 with unit RXA-7, when RXA-3 (to RXA-4), status RXA-20
 * (CP completed, NA not done, PA in progress), the route RXR-1; Rp ORC-4 and the RXA's position in it.
 */
final class AdministrationMapper implements Ss2Mapper {

    private final boolean injection;

    AdministrationMapper(boolean injection) {
        this.injection = injection;
    }

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        List<Resource> results = MedicationParts.perRpItem(input.message(), "RXA",
                (orc, rp, item, group, position) -> administration(input, orc, rp, item, group, position));
        if (results.isEmpty()) {
            throw new IngestFailure("the administration message has no ORC/RXA", input.message().msh().location());
        }
        return results;
    }

    private MedicationAdministration administration(Ss2Input input, Hl7Segment orc, String rp, Hl7Segment rxa,
                                                    List<Hl7Segment> group, int position) throws IngestFailure {
        String item = "administered/" + rp + "/" + position;
        MedicationAdministration administration = input.identify(new MedicationAdministration(), item);
        administration.getMeta().addProfile(injection ? JpCoreSystems.JP_MEDICATION_ADMINISTRATION_INJECTION
                : JpCoreSystems.JP_MEDICATION_ADMINISTRATION);
        MedicationParts.addIdentifiers(administration, input, rp, position, item);
        administration.setStatus(switch (rxa.get(20)) {
            case "NA", "RE" -> MedicationAdministrationStatus.NOTDONE;
            case "PA" -> MedicationAdministrationStatus.INPROGRESS;
            default -> MedicationAdministrationStatus.COMPLETED;
        });
        MedicationParts.orderCategory(orc).ifPresent(administration::setCategory);
        Coding drug = Ss2Codes.requireCoding(rxa, 5, "the drug code");
        if (injection) {
            // JP_MedicationAdministration_Injection names the drug through a (contained) Medication.
            org.hl7.fhir.r4.model.Medication medication = new org.hl7.fhir.r4.model.Medication();
            medication.setId("medication");
            medication.getMeta().addProfile(JpCoreSystems.JP_MEDICATION);
            medication.setStatus(org.hl7.fhir.r4.model.Medication.MedicationStatus.ACTIVE);
            medication.setCode(new CodeableConcept(drug).setText(drug.getDisplay()));
            administration.addContained(medication);
            administration.setMedication(new org.hl7.fhir.r4.model.Reference("#medication"));
        } else {
            administration.setMedication(new CodeableConcept(drug).setText(drug.getDisplay()));
        }
        administration.setSubject(MappedRecord.subject());
        var start = Hl7Dates.dateTime(rxa, 3)
                .orElseThrow(() -> new IngestFailure("the administration has no date/time", rxa.at(3)));
        var end = Hl7Dates.dateTime(rxa, 4);
        if (end.isPresent() && !end.get().getValueAsString().equals(start.getValueAsString())) {
            administration.setEffective(new Period().setStartElement(start).setEndElement(end.get()));
        } else {
            administration.setEffective(start);
        }
        MedicationParts.route(group).ifPresent(route -> administration.getDosage().setRoute(route));
        MedicationParts.amount(rxa, 6, 7).ifPresent(dose -> administration.getDosage().setDose(dose));
        return administration;
    }
}
