package jp.renkei.hub.carenet.fhir;

/**
 * The identifier and code systems of care-net's FHIR view. The facility, person and event-number systems are
 * the hub's (the same URIs as fhir-server's HubSystems, which care-net does not depend on).
 */
public final class CareNetFhirSystems {

    public static final String FACILITY = "https://renkei-hub.jp/fhir/sid/facility";
    public static final String PERSON = "https://renkei-hub.jp/fhir/sid/person";
    public static final String EVENT_NUMBER = "https://renkei-hub.jp/fhir/sid/event-number";
    /** A care-net room's ID, on its CareTeam. */
    public static final String ROOM = "https://renkei-hub.jp/fhir/sid/care-net-room";
    /** A direct-message conversation's ID (特別便), on each of its messages. */
    public static final String CONVERSATION = "https://renkei-hub.jp/fhir/sid/care-net-conversation";
    /** Hub professions (hub-core's Profession names), as a care-team member's role. */
    public static final String PROFESSION = "https://renkei-hub.jp/fhir/CodeSystem/profession";
    /** Roles in a room: applicant (申請者), caretaker (世話役), family (家族). */
    public static final String ROOM_ROLE = "https://renkei-hub.jp/fhir/CodeSystem/care-net-room-role";
    /** What a Communication is: post, comment, direct-message; and shared-with-family. */
    public static final String COMMUNICATION_KIND = "https://renkei-hub.jp/fhir/CodeSystem/care-net-communication";
    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    private CareNetFhirSystems() {
    }
}
