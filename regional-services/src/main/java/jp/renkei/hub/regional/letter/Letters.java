package jp.renkei.hub.regional.letter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.HubAccessRules;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.regional.signature.DocumentSigner;
import jp.renkei.hub.regional.signature.MalformedSignatureException;
import jp.renkei.hub.regional.signature.SignatureFormat;
import jp.renkei.hub.regional.signature.SignatureVerification;
import jp.renkei.hub.regional.signature.SignatureVerifier;
import jp.renkei.hub.regional.signature.SignedFile;
import jp.renkei.hub.regional.signature.SigningKey;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referral letters between the network's facilities: a doctor writes one about a patient the facility may see
 * and sends it to another facility; the recipient facility reads and acknowledges it; letters that arrive signed
 * from outside are uploaded by the recipient and verified on arrival. A letter exists only for its sender and
 * recipient facilities: for every other facility it is absent, with the same answer as a letter that does not
 * exist.
 */
@Service
public class Letters {

    /** Who writes and signs letters: the professions that refer patients. */
    public static final Set<HubRole> WRITERS = Set.copyOf(EnumSet.of(HubRole.DOCTOR, HubRole.DENTIST));
    /** Who reads a facility's letters: its clinicians and the referral desk's clerks (地域連携室). */
    public static final Set<HubRole> READERS = HubAccessRules.LETTER_PEOPLE;

    static final String DEFAULT_TITLE = "診療情報提供書";
    static final int MAX_TITLE = 200;
    static final int MAX_ATTACHMENTS = 50;
    static final int MAX_FILE = 10 * 1024 * 1024;
    private static final Pattern REFERENCE = Pattern.compile("(Observation|ImagingStudy)/[A-Za-z0-9\\-.]{1,64}");

    private final LetterStore store;
    private final FacilityRegistry facilities;
    private final PatientRecords records;
    private final SignatureVerifier verifier;
    private final DocumentSigner signer;
    private final LetterAudit audit;
    private final Clock clock;

    public Letters(LetterStore store, FacilityRegistry facilities, PatientRecords records, SignatureVerifier verifier,
                   DocumentSigner signer, LetterAudit audit, Clock clock) {
        this.store = store;
        this.facilities = facilities;
        this.records = records;
        this.verifier = verifier;
        this.signer = signer;
        this.audit = audit;
        this.clock = clock;
    }

    /** Writes and sends a letter; nothing is stored unless every field is right. */
    @Transactional
    public Letter send(Requester requester, LetterDraft draft) {
        if (requester.kind() != HubPrincipal.Kind.PERSON || WRITERS.stream().noneMatch(requester::has)) {
            throw new LetterRefused("Only doctors and dentists write referral letters");
        }
        Facility recipient = recipient(requester, draft.recipientFacilityId());
        Map<LetterSection, String> sections = sections(draft.sections());
        String title = title(draft.title());
        EventNumber patient = eventNumber(draft.eventNumber())
                .orElseThrow(() -> new InvalidLetter("eventNumber", "is required"));
        List<Resource> visible = records.attachable(requester, patient).orElseThrow(() ->
                new InvalidLetter("eventNumber", "no patient with this number is open to your facility"));
        List<Resource> attached = attachments(draft.attachments(), visible);
        Facility sender = facilities.find(requester.facilityId()).orElseThrow();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        LetterDocuments.Parties parties = new LetterDocuments.Parties(sender.id(), sender.details().name(),
                requester.principal().display(), recipient.id(), recipient.details().name(), patient.digits());
        String document = LetterDocuments.json(LetterDocuments.bundle(id, title, sections, attached, parties, now));
        Letter letter = new Letter(id, LetterOrigin.HUB, sender.id(), requester.id(), requester.principal().display(),
                recipient.id(), patient.digits(), title, sections,
                attached.stream().map(Letters::attachedRecord).toList(), document, LetterStatus.UNREAD, now, null,
                null, Optional.empty());
        store.insert(letter);
        audit.record(requester, AuditAction.CREATE, id, patient.digits(),
                "referral letter sent to facility " + recipient.id() + " with " + attached.size() + " attachment(s)");
        return letter;
    }

    /**
     * Stores a signed letter received from outside in the uploader's facility's inbox, with the verification of
     * its signature.
     *
     * @throws InvalidLetter when the file holds no readable signature (nothing is stored)
     */
    @Transactional
    public Letter receive(Requester requester, ReceivedFile file) {
        requireReader(requester);
        if (file.signedFile() == null || file.signedFile().length == 0) {
            throw new InvalidLetter("file", "is required");
        }
        if (file.signedFile().length > MAX_FILE
                || (file.detachedContent() != null && file.detachedContent().length > MAX_FILE)) {
            throw new InvalidLetter("file", "is larger than 10 MB");
        }
        String senderName = file.senderName() == null ? "" : file.senderName().strip();
        if (senderName.isEmpty() || senderName.length() > MAX_TITLE) {
            throw new InvalidLetter("senderName", "is required (at most " + MAX_TITLE + " characters)");
        }
        String title = title(file.title());
        Optional<EventNumber> patient = eventNumber(file.eventNumber());
        byte[] detached = file.detachedContent() == null || file.detachedContent().length == 0 ? null
                : file.detachedContent();
        String fileName = file.fileName() == null || file.fileName().isBlank() ? "letter" : file.fileName().strip();
        SignatureVerification verification;
        try {
            verification = verifier.verify(file.signedFile(), fileName, Optional.ofNullable(detached));
        } catch (MalformedSignatureException e) {
            throw new InvalidLetter("file", "holds no readable XAdES, CAdES or PAdES signature");
        }
        UUID id = UUID.randomUUID();
        LetterSignature signature = new LetterSignature(fileName, mediaType(verification.format()),
                file.signedFile(), detached, verification);
        Letter letter = new Letter(id, LetterOrigin.EXTERNAL, null, null, senderName, requester.facilityId(),
                patient.map(EventNumber::digits).orElse(null), title, Map.of(), List.of(), null,
                LetterStatus.UNREAD, clock.instant(), null, null, Optional.of(signature));
        store.insert(letter);
        audit.record(requester, AuditAction.CREATE, id, letter.eventNumber(),
                "signed letter received from outside: " + verification.verdict() + " " + verification.reason());
        return letter;
    }

    public List<Letter> inbox(Requester requester) {
        requireReader(requester);
        return store.inbox(requester.facilityId());
    }

    public List<Letter> sent(Requester requester) {
        requireReader(requester);
        return store.sent(requester.facilityId());
    }

    /** Opens a letter; the recipient's first opening marks it read. Audited, refusals too. */
    @Transactional
    public Letter open(Requester requester, UUID id) {
        Letter letter = visible(requester, id, AuditAction.READ);
        if (letter.addressedTo(requester.facilityId()) && letter.status() == LetterStatus.UNREAD
                && requester.kind() == HubPrincipal.Kind.PERSON) {
            store.markRead(id, requester.id(), clock.instant());
            letter = store.find(id).orElseThrow();
        }
        audit.record(requester, AuditAction.READ, id, letter.eventNumber(), "referral letter opened");
        return letter;
    }

    /** The recipient confirms it has taken the letter in hand. */
    @Transactional
    public Letter acknowledge(Requester requester, UUID id) {
        Letter letter = visible(requester, id, AuditAction.UPDATE);
        if (!letter.addressedTo(requester.facilityId())) {
            throw new LetterRefused("Only the recipient facility acknowledges a letter");
        }
        if (letter.status() == LetterStatus.ACKNOWLEDGED) {
            return letter;
        }
        store.acknowledge(id, requester.id(), clock.instant());
        audit.record(requester, AuditAction.UPDATE, id, letter.eventNumber(), "referral letter acknowledged");
        return store.find(id).orElseThrow();
    }

    /**
     * Signs a letter its author wrote in the hub with the author's own key (XAdES enveloped over the document's
     * XML, or CAdES detached over its JSON), then checks the signature with the verifier every letter gets.
     * The key lives only for this call.
     */
    @Transactional
    public Letter sign(Requester requester, UUID id, SigningKey key, SignatureFormat format) {
        Letter letter = visible(requester, id, AuditAction.UPDATE);
        if (letter.origin() != LetterOrigin.HUB || !requester.id().equals(letter.senderPersonId())) {
            throw new LetterRefused("Only the letter's author signs it");
        }
        if (letter.signature().isPresent()) {
            throw new LetterConflict("The letter is signed already");
        }
        byte[] json = letter.document().getBytes(StandardCharsets.UTF_8);
        LetterSignature signature;
        if (format == SignatureFormat.XADES) {
            SignedFile signed = signer.signXml(LetterDocuments.xml(letter.document()).getBytes(StandardCharsets.UTF_8),
                    key);
            signature = new LetterSignature("letter-" + id + ".xml", signed.mediaType(), signed.bytes(), null,
                    verifier.verify(signed.bytes(), "letter.xml"));
        } else if (format == SignatureFormat.CADES) {
            SignedFile signed = signer.signDetached(json, key);
            signature = new LetterSignature("letter-" + id + ".p7s", signed.mediaType(), signed.bytes(), json,
                    verifier.verify(signed.bytes(), "letter.p7s", Optional.of(json)));
        } else {
            throw new InvalidLetter("format", "must be XADES or CADES");
        }
        store.insertSignature(id, signature);
        audit.record(requester, AuditAction.UPDATE, id, letter.eventNumber(), "referral letter signed ("
                + format + "): " + signature.verification().verdict() + " " + signature.verification().reason());
        return letter.withSignature(signature);
    }

    /** The letter's signed file as stored, for its sender and recipient. */
    public LetterSignature signedFile(Requester requester, UUID id) {
        Letter letter = visible(requester, id, AuditAction.READ);
        LetterSignature signature = letter.signature().orElseThrow(LetterNotFound::new);
        audit.record(requester, AuditAction.READ, id, letter.eventNumber(), "signed file of the letter downloaded");
        return signature;
    }

    private Letter visible(Requester requester, UUID id, AuditAction action) {
        requireReader(requester);
        Optional<Letter> letter = store.find(id)
                .filter(found -> found.sentBy(requester.facilityId()) || found.addressedTo(requester.facilityId()));
        if (letter.isEmpty()) {
            audit.refused(requester, action, id, "no such letter for this facility");
            throw new LetterNotFound();
        }
        return letter.get();
    }

    private static void requireReader(Requester requester) {
        if (READERS.stream().noneMatch(requester::has)) {
            throw new LetterRefused("Referral letters are for clinicians and the referral desk");
        }
    }

    private Facility recipient(Requester requester, String recipientId) {
        if (recipientId == null || recipientId.isBlank()) {
            throw new InvalidLetter("recipientFacilityId", "is required");
        }
        if (recipientId.equals(requester.facilityId())) {
            throw new InvalidLetter("recipientFacilityId", "is your own facility");
        }
        Optional<Facility> recipient;
        try {
            recipient = facilities.find(recipientId.strip());
        } catch (RuntimeException malformedId) {
            recipient = Optional.empty();
        }
        return recipient.filter(facility -> facility.status() == FacilityStatus.ACTIVE)
                .orElseThrow(() -> new InvalidLetter("recipientFacilityId", "no participating facility has this ID"));
    }

    private static Map<LetterSection, String> sections(Map<LetterSection, String> given) {
        Map<LetterSection, String> sections = new EnumMap<>(LetterSection.class);
        for (LetterSection section : LetterSection.values()) {
            String text = given.get(section) == null ? "" : given.get(section).strip();
            if (text.isEmpty()) {
                if (section.required()) {
                    throw new InvalidLetter("sections." + section.name(), "is required (" + section.title() + ")");
                }
                continue;
            }
            if (text.length() > LetterSection.MAX_LENGTH) {
                throw new InvalidLetter("sections." + section.name(),
                        "is longer than " + LetterSection.MAX_LENGTH + " characters");
            }
            sections.put(section, text);
        }
        return sections;
    }

    private static String title(String given) {
        String title = given == null || given.isBlank() ? DEFAULT_TITLE : given.strip();
        if (title.length() > MAX_TITLE) {
            throw new InvalidLetter("title", "is longer than " + MAX_TITLE + " characters");
        }
        return title;
    }

    private static Optional<EventNumber> eventNumber(String given) {
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventNumber.parse(given));
        } catch (ApiException e) {
            throw new InvalidLetter("eventNumber", e.fieldErrors().getOrDefault("eventNumber", e.getMessage()));
        }
    }

    /** Every attachment must be one the author's facility sees in this patient's record: else it is refused. */
    private static List<Resource> attachments(List<String> references, List<Resource> visible) {
        if (references.size() > MAX_ATTACHMENTS) {
            throw new InvalidLetter("attachments", "at most " + MAX_ATTACHMENTS);
        }
        List<Resource> attached = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            String reference = references.get(i) == null ? "" : references.get(i).strip();
            String field = "attachments[" + i + "]";
            if (!REFERENCE.matcher(reference).matches()) {
                throw new InvalidLetter(field, "must be Observation/<id> or ImagingStudy/<id>");
            }
            Resource found = visible.stream()
                    .filter(resource -> reference.equals(resource.fhirType() + "/" + resource.getIdElement().getIdPart()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidLetter(field, "is not in this patient's record as your facility sees it"));
            if (!attached.contains(found)) {
                attached.add(found);
            }
        }
        return attached;
    }

    public static AttachedRecord attachedRecord(Resource resource) {
        String reference = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        return new AttachedRecord(reference, describe(resource));
    }

    /** A line a person recognises the record by: the test and its value, or the study and its date. */
    static String describe(Resource resource) {
        if (resource instanceof Observation observation) {
            String name = observation.getCode().hasText() ? observation.getCode().getText()
                    : observation.getCode().getCodingFirstRep().getDisplay();
            StringBuilder line = new StringBuilder(name == null ? "検査結果" : name);
            if (observation.hasValueQuantity()) {
                line.append(' ').append(observation.getValueQuantity().getValue().toPlainString());
                if (observation.getValueQuantity().hasUnit()) {
                    line.append(' ').append(observation.getValueQuantity().getUnit());
                }
            } else if (observation.hasValueStringType()) {
                line.append(' ').append(observation.getValueStringType().getValue());
            }
            if (observation.hasEffectiveDateTimeType()) {
                line.append(" (").append(observation.getEffectiveDateTimeType().asStringValue(), 0,
                        Math.min(10, observation.getEffectiveDateTimeType().asStringValue().length())).append(')');
            }
            return line.toString();
        }
        if (resource instanceof ImagingStudy study) {
            StringBuilder line = new StringBuilder(study.hasDescription() ? study.getDescription() : "画像検査");
            if (study.hasModality()) {
                line.append(' ').append(study.getModalityFirstRep().getCode());
            }
            if (study.hasStarted()) {
                line.append(" (").append(study.getStartedElement().asStringValue(), 0,
                        Math.min(10, study.getStartedElement().asStringValue().length())).append(')');
            }
            return line.toString();
        }
        return resource.fhirType();
    }

    private static String mediaType(SignatureFormat format) {
        return switch (format) {
            case XADES -> "application/xml";
            case CADES -> "application/pkcs7-signature";
            case PADES -> "application/pdf";
        };
    }
}
