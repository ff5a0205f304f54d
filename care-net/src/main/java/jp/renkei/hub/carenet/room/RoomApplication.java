package jp.renkei.hub.carenet.room;

import java.time.LocalDate;
import java.util.List;

import jp.renkei.hub.consent.ScannedForm;

/**
 * What a doctor or care manager applies with.
 *
 * @param eventNumber     the patient's event number, if enrolled (optional)
 * @param members         the proposed members (the applicant is always one)
 * @param caretakerId     the member named caretaker (世話役)
 * @param consentForm     the patient's scanned written consent to sharing
 */
public record RoomApplication(String patientName, String patientNameKana, LocalDate patientBirthDate,
                              String eventNumber, List<ProposedMember> members, String caretakerId,
                              ScannedForm consentForm) {

    public RoomApplication {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /**
     * A person proposed as member.
     *
     * @param facilityId the participating facility a staff member works for in this room; empty for family
     */
    public record ProposedMember(String personId, String facilityId) {
    }
}
