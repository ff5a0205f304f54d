package jp.renkei.hub.carenet.fhir;

import static jp.renkei.hub.carenet.fhir.CareNetFhirSystems.COMMUNICATION_KIND;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.renkei.hub.carenet.attachment.Attachment;
import jp.renkei.hub.carenet.attachment.AttachmentStore.StoredBytes;
import jp.renkei.hub.carenet.message.Conversation;
import jp.renkei.hub.carenet.message.Message;
import jp.renkei.hub.carenet.post.Comment;
import jp.renkei.hub.carenet.post.Post;
import jp.renkei.hub.carenet.room.Member;
import jp.renkei.hub.carenet.room.Room;
import jp.renkei.hub.carenet.template.RecordedEntry;
import jp.renkei.hub.carenet.vital.VitalReading;
import jp.renkei.hub.carenet.vital.VitalSign;
import jp.renkei.hub.core.patient.EventNumber;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Care-net's rows as FHIR R4 resources. A room is a CareTeam (ID = room ID); posts, comments and direct messages
 * are Communications (ID = their own ID; a comment is {@code partOf} its post); each vital sign of a post is an
 * Observation (ID = post ID + item, blood pressure one Observation with two components); each file a
 * DocumentReference with its bytes as a Binary (ID = the file's ID). People and facilities have no FHIR resources
 * here: they are referenced by the hub's identifiers with their names as display.
 */
final class CareNetFhirMapper {

    static final String BLOOD_PRESSURE = "blood-pressure";

    private CareNetFhirMapper() {
    }

    static CareTeam careTeam(Room room, List<Member> members) {
        CareTeam team = new CareTeam();
        team.setId(room.id().toString());
        team.addIdentifier(new Identifier().setSystem(CareNetFhirSystems.ROOM).setValue(room.id().toString()));
        team.setStatus(switch (room.status()) {
            case APPLIED -> CareTeam.CareTeamStatus.PROPOSED;
            case OPEN -> CareTeam.CareTeamStatus.ACTIVE;
            case REJECTED, CLOSED, ARCHIVED -> CareTeam.CareTeamStatus.INACTIVE;
        });
        team.setName("利用者部屋 " + room.patientName());
        team.setSubject(patient(room));
        team.setPeriod(new Period().setStart(date(room.decidedAt() == null ? room.appliedAt() : room.decidedAt()))
                .setEnd(date(room.closedAt())));
        for (Member member : members) {
            CareTeam.CareTeamParticipantComponent participant = team.addParticipant();
            CodeableConcept role = participant.addRole();
            role.addCoding(new Coding(CareNetFhirSystems.PROFESSION, member.profession(), null));
            if (member.family()) {
                role.addCoding(new Coding(CareNetFhirSystems.ROOM_ROLE, "family", "家族"));
            }
            if (member.personId().equals(room.applicantId())) {
                role.addCoding(new Coding(CareNetFhirSystems.ROOM_ROLE, "applicant", "申請者"));
            }
            if (member.personId().equals(room.caretakerId()) && member.current()) {
                role.addCoding(new Coding(CareNetFhirSystems.ROOM_ROLE, "caretaker", "世話役"));
            }
            participant.setMember(person(member.family() ? "RelatedPerson" : "Practitioner", member.personId(),
                    member.displayName()));
            if (member.facilityId() != null) {
                participant.setOnBehalfOf(new Reference().setType("Organization")
                        .setIdentifier(new Identifier().setSystem(CareNetFhirSystems.FACILITY).setValue(member.facilityId())));
            }
            // removed members stay listed with the end of their membership: the log of staff changes
            participant.setPeriod(new Period().setStart(date(member.addedAt())).setEnd(date(member.removedAt())));
        }
        return team;
    }

    static Communication post(Room room, Post post, List<Attachment> files) {
        Communication communication = communication(room, post.id(), "post", "投稿", post.authorId(),
                post.authorName(), post.createdAt());
        if (post.sharedWithFamily()) {
            communication.addCategory().addCoding(new Coding(COMMUNICATION_KIND, "shared-with-family", "家族と共有"));
        }
        communication.setTopic(new CodeableConcept().setText(post.title()));
        communication.addRecipient(careTeam(room.id()));
        if (!post.body().isBlank()) {
            communication.addPayload().setContent(new StringType(post.body()));
        }
        for (RecordedEntry entry : post.entries()) {
            communication.addPayload().setContent(new StringType(entry.title() + ": " + entry.values().stream()
                    .map(v -> v.label() + " " + v.value() + (v.unit() == null ? "" : " " + v.unit()))
                    .collect(Collectors.joining("、"))));
        }
        for (Attachment file : files) {
            communication.addPayload().setContent(new Reference("DocumentReference/" + file.id())
                    .setDisplay(file.fileName()));
        }
        return communication;
    }

    static Communication comment(Room room, Comment comment) {
        Communication communication = communication(room, comment.id(), "comment", "コメント", comment.authorId(),
                comment.authorName(), comment.createdAt());
        communication.addPartOf(new Reference("Communication/" + comment.postId()));
        communication.addRecipient(careTeam(room.id()));
        communication.addPayload().setContent(new StringType(comment.body()));
        return communication;
    }

    /** A direct message (特別便): to the conversation's other participants, in reply to the message before it. */
    static Communication message(Room room, Conversation conversation, Message message, Message previous) {
        Communication communication = communication(room, message.id(), "direct-message", "特別便",
                message.authorId(), message.authorName(), message.createdAt());
        communication.addIdentifier(new Identifier().setSystem(CareNetFhirSystems.CONVERSATION)
                .setValue(conversation.id().toString()));
        communication.setTopic(new CodeableConcept().setText(conversation.subject()));
        conversation.participants().stream().filter(p -> !p.personId().equals(message.authorId()))
                .forEach(p -> communication.addRecipient(person(null, p.personId(), p.displayName())));
        if (previous != null) {
            communication.addInResponseTo(new Reference("Communication/" + previous.id()));
        }
        communication.addPayload().setContent(new StringType(message.body()));
        return communication;
    }

    /** One Observation per vital sign of the post; systolic and diastolic together as blood pressure. */
    static Observation observation(Room room, Post post, List<VitalReading> readings) {
        Observation observation = new Observation();
        VitalSign first = readings.get(0).sign();
        observation.setId(observationId(post.id(), first));
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding(new Coding(CareNetFhirSystems.OBSERVATION_CATEGORY, "vital-signs",
                "Vital Signs"));
        observation.setSubject(patient(room));
        observation.setEffective(new DateTimeType(date(post.createdAt())));
        observation.setIssued(date(post.createdAt()));
        observation.addPerformer(person(null, post.authorId(), post.authorName()));
        if (first.bloodPressure()) {
            observation.setCode(loinc(VitalSign.BLOOD_PRESSURE_LOINC, VitalSign.BLOOD_PRESSURE_DISPLAY, "血圧"));
            for (VitalReading reading : readings) {
                observation.addComponent().setCode(loinc(reading.sign().loinc(), reading.sign().loincDisplay(),
                        reading.sign().label())).setValue(quantity(reading));
            }
        } else {
            CodeableConcept code = loinc(first.loinc(), first.loincDisplay(), first.label());
            if (first == VitalSign.SPO2) {
                code.addCoding(new Coding(CareNetFhirSystems.LOINC, VitalSign.OXYGEN_SATURATION_LOINC,
                        "Oxygen saturation in Arterial blood"));
            }
            observation.setCode(code);
            observation.setValue(quantity(readings.get(0)));
        }
        return observation;
    }

    /** {@code <post ID>-temperature}, {@code <post ID>-blood-pressure}, … */
    static String observationId(UUID postId, VitalSign sign) {
        return postId + "-" + (sign.bloodPressure() ? BLOOD_PRESSURE : sign.item());
    }

    static DocumentReference documentReference(Room room, Post post, Attachment file) {
        DocumentReference document = new DocumentReference();
        document.setId(file.id().toString());
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setType(new CodeableConcept().setText(file.contentType().startsWith("image/") ? "写真" : "ファイル"));
        document.setSubject(patient(room));
        document.setDate(date(post.createdAt()));
        document.addAuthor(person(null, post.authorId(), post.authorName()));
        document.setDescription(file.fileName());
        document.getContext().addRelated(new Reference("Communication/" + post.id()));
        document.addContent().getAttachment().setContentType(file.contentType()).setSize(file.sizeBytes())
                .setTitle(file.fileName()).setUrl("Binary/" + file.id());
        return document;
    }

    static Binary binary(UUID attachmentId, StoredBytes bytes) {
        Binary binary = new Binary();
        binary.setId(attachmentId.toString());
        binary.setContentType(bytes.contentType());
        binary.setData(bytes.content());
        return binary;
    }

    private static Communication communication(Room room, UUID id, String kind, String kindLabel, String senderId,
                                               String senderName, Instant sent) {
        Communication communication = new Communication();
        communication.setId(id.toString());
        communication.setStatus(Communication.CommunicationStatus.COMPLETED);
        communication.addCategory().addCoding(new Coding(COMMUNICATION_KIND, kind, kindLabel));
        communication.setSubject(patient(room));
        communication.setSender(person(null, senderId, senderName));
        communication.setSent(date(sent));
        return communication;
    }

    private static Reference careTeam(UUID roomId) {
        return new Reference("CareTeam/" + roomId);
    }

    /** The room's patient: by name, and by event number when the room is linked to one. */
    private static Reference patient(Room room) {
        Reference patient = new Reference().setType("Patient").setDisplay(room.patientName());
        if (room.eventNumber() != null) {
            patient.setIdentifier(new Identifier().setSystem(CareNetFhirSystems.EVENT_NUMBER)
                    .setValue(new EventNumber(room.eventNumber()).formatted()));
        }
        return patient;
    }

    private static Reference person(String type, String personId, String name) {
        return new Reference().setType(type)
                .setIdentifier(new Identifier().setSystem(CareNetFhirSystems.PERSON).setValue(personId))
                .setDisplay(name);
    }

    private static CodeableConcept loinc(String code, String display, String text) {
        return new CodeableConcept(new Coding(CareNetFhirSystems.LOINC, code, display)).setText(text);
    }

    private static Quantity quantity(VitalReading reading) {
        return new Quantity().setValue(reading.value()).setUnit(reading.sign().unit())
                .setSystem(CareNetFhirSystems.UCUM).setCode(reading.sign().ucum());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
