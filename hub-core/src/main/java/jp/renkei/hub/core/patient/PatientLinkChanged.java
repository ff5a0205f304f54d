package jp.renkei.hub.core.patient;

import java.util.List;

/**
 * Published after commit whenever links of a number change (link, unlink, merge). {@code number} is the
 * surviving number; {@code retired} the numbers merged into it; {@code links} its current links;
 * {@code unlinked} patients whose link to it just ended.
 */
public record PatientLinkChanged(EventNumber number, List<EventNumber> retired, List<FacilityPatientId> links,
                                 List<FacilityPatientId> unlinked) {

    public PatientLinkChanged {
        retired = List.copyOf(retired);
        links = List.copyOf(links);
        unlinked = List.copyOf(unlinked);
    }
}
