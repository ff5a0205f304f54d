package jp.renkei.hub.fhir.views;

import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Resource;

/**
 * What a requester may see of one person's data, after the consent gate.
 *
 * @param requesterFacilityId the facility the request acts for
 * @param record              the person's Patients (unfiltered: for addressing, never shown as such)
 * @param visible             the resources the gate let through, Patients included
 * @param withheldSources     facilities (hub IDs) that hold data about the person which the gate hid from
 *                            the requester; never the requester's own facility
 */
public record PatientData(String requesterFacilityId, PatientRecord record, List<Resource> visible,
                          Set<String> withheldSources) {

    public PatientData {
        visible = List.copyOf(visible);
        withheldSources = Set.copyOf(withheldSources);
    }

    /** The visible resources of one type, in the order loaded. */
    public <T extends Resource> List<T> all(Class<T> type) {
        return visible.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
