package jp.renkei.hub.regional.questionnaire;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.security.Requester;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time answer links: staff issue one for a patient their facility holds and a visit day; the patient opens
 * it (token in the QR code, or the short code typed), confirms their birth date (too many wrong dates lock the
 * link), answers, and the answers are stored once, as a QuestionnaireResponse of the issuing facility. A link
 * expires after {@link QuestionnaireProperties#linkLifetime()} or at the end of its visit day (Japan time),
 * whichever is first, and cannot be used again after the answers were sent.
 */
@Service
@Transactional
public class AnswerLinks {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** How far ahead a visit day may be. */
    static final int MAX_DAYS_AHEAD = 90;

    /** What a patient may see of a link: its form, or why not (no data either way). */
    public record Opened(AnswerLink link, Form form) {
    }

    /** The answer of a birth-date check. */
    public sealed interface Verification {
    }

    /** Confirmed: {@code session} is the answer session's secret (a cookie). */
    public record Verified(AnswerLink link, String session) implements Verification {
    }

    /** Wrong date; {@code remaining} attempts before the link locks. */
    public record WrongBirthDate(int remaining) implements Verification {
    }

    /** The link is open: the patient may confirm their birth date. */
    public record Open(AnswerLink link) implements Verification {
    }

    /** The link cannot be used (unknown, used, expired, locked, questionnaire retired). */
    public record Closed(Optional<AnswerLink.State> state) implements Verification {
    }

    /** The outcome of sending answers: stored, or the sheet's errors (nothing stored). */
    public record Sent(Optional<String> responseId, AnswerSheet.Check check) {
    }

    private final LinkStore links;
    private final FormStore forms;
    private final FacilityPatientFinder patients;
    private final FhirQuestionnaires fhir;
    private final QuestionnaireAudit audit;
    private final QuestionnaireProperties properties;
    private final Clock clock;

    public AnswerLinks(LinkStore links, FormStore forms, FacilityPatientFinder patients, FhirQuestionnaires fhir,
                       QuestionnaireAudit audit, QuestionnaireProperties properties, Clock clock) {
        this.links = links;
        this.forms = forms;
        this.patients = patients;
        this.fhir = fhir;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Issues a link for a published version of the facility's questionnaire to one of its patients. */
    public IssuedLink issue(Requester requester, UUID formId, String patient, LocalDate visitDate) {
        Form form = forms.find(requester.facilityId(), formId).orElseThrow(() -> new QuestionnaireRefused("noForm"));
        if (form.status() != FormStatus.ACTIVE) {
            throw new QuestionnaireRefused("notPublished");
        }
        Instant now = clock.instant();
        LocalDate today = now.atZone(JAPAN).toLocalDate();
        if (visitDate == null || visitDate.isBefore(today) || visitDate.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw new QuestionnaireRefused("visitDate");
        }
        FacilityPatient holder = patients.find(requester.facilityId(), patient)
                .orElseThrow(() -> new QuestionnaireRefused("noPatient"));
        if (holder.birthDate() == null) {
            throw new QuestionnaireRefused("noBirthDate");
        }
        Instant endOfVisitDay = visitDate.plusDays(1).atStartOfDay(JAPAN).toInstant();
        Instant lifetimeEnd = now.plus(properties.linkLifetime());
        Instant expires = lifetimeEnd.isBefore(endOfVisitDay) ? lifetimeEnd : endOfVisitDay;
        AnswerLink link = new AnswerLink(UUID.randomUUID(), form.id(), requester.facilityId(), holder.patientId(),
                holder.localPatientId(), holder.eventNumber(), visitDate, 0, requester.id(), now, expires, null, null,
                null, null);
        String token = LinkSecrets.newToken();
        String code = LinkSecrets.newCode();
        links.insert(link, LinkSecrets.hashToken(token), LinkSecrets.hashCode(code));
        audit.staff(requester, AuditAction.CREATE, "Patient/" + holder.patientId(),
                QuestionnaireAudit.linkRef(link.id()), "link issued for form " + form.id() + " v" + form.version()
                        + ", visit " + visitDate + ", expires " + expires);
        return new IssuedLink(link, form, holder, token, code);
    }

    /** The link behind a token, if it is open; audited either way. */
    public Verification openByToken(String token) {
        return open(links.byHash("token_hash", LinkSecrets.hashToken(token)), "opened by link");
    }

    /**
     * The birth-date check, reached by the link token (from the QR code) or by the short code typed; a wrong date
     * counts towards the lock.
     */
    public Verification verify(String token, String code, LocalDate birthDate) {
        Optional<AnswerLink> found = token != null ? links.byHash("token_hash", LinkSecrets.hashToken(token))
                : links.byHash("code_hash", LinkSecrets.hashCode(code));
        Verification opened = open(found, null);
        if (!(opened instanceof Open)) {
            if (found.isEmpty() && token == null) {
                audit.patient(null, AuditAction.AUTHENTICATE, AuditOutcome.DENIED, "unknown short code");
            }
            return opened;
        }
        AnswerLink link = found.get();
        Instant now = clock.instant();
        Optional<FacilityPatient> patient = patients.find(link.facilityId(), link.localPatientId());
        if (birthDate == null || patient.isEmpty() || !birthDate.equals(patient.get().birthDate())) {
            AnswerLink counted = links.failedAttempt(link.id(), properties.maxAttempts(), now);
            boolean locked = counted.lockedAt() != null;
            audit.patient(counted, AuditAction.AUTHENTICATE, AuditOutcome.DENIED,
                    locked ? "wrong birth date: link locked" : "wrong birth date");
            return locked ? new Closed(Optional.of(AnswerLink.State.LOCKED))
                    : new WrongBirthDate(properties.maxAttempts() - counted.failedAttempts());
        }
        String session = LinkSecrets.newToken();
        links.verified(link.id(), LinkSecrets.hashToken(session), now);
        audit.patient(link, AuditAction.AUTHENTICATE, AuditOutcome.SUCCESS,
                token != null ? "birth date confirmed (link)" : "birth date confirmed (short code)");
        return new Verified(link, session);
    }

    /** The open link and its form behind an answer session. */
    public Optional<Opened> bySession(String session) {
        if (session == null || session.isBlank()) {
            return Optional.empty();
        }
        return links.byHash("session_hash", LinkSecrets.hashToken(session))
                .filter(l -> l.state(clock.instant()) == AnswerLink.State.OPEN)
                .flatMap(l -> forms.byId(l.formId()).filter(f -> f.status() == FormStatus.ACTIVE)
                        .map(f -> new Opened(l, f)));
    }

    /**
     * Sends the answers of an answer session, all or nothing: checked against the form ({@link AnswerSheet}),
     * stored as a QuestionnaireResponse, and the link marked used in the same transaction.
     */
    public Sent send(String session, Map<String, List<String>> fields) {
        Opened opened = bySession(session).orElseThrow(() -> new QuestionnaireRefused("linkClosed"));
        AnswerSheet.Check check = AnswerSheet.check(opened.form(), fields);
        if (!check.valid()) {
            audit.patient(opened.link(), AuditAction.CREATE, AuditOutcome.FAILED,
                    "answers refused: " + String.join(", ", check.errors().values().stream().distinct().toList()));
            return new Sent(Optional.empty(), check);
        }
        Instant now = clock.instant();
        String responseId = fhir.respond(opened.form(), opened.link(), check.answers(), now);
        if (!links.used(opened.link().id(), responseId, now)) {
            throw new QuestionnaireRefused("linkClosed");
        }
        audit.patient(opened.link(), AuditAction.CREATE, AuditOutcome.SUCCESS,
                "answers stored as QuestionnaireResponse/" + responseId);
        return new Sent(Optional.of(responseId), check);
    }

    /** Checks answers without storing them (the confirmation step). */
    @Transactional(readOnly = true)
    public Optional<AnswerSheet.Check> preview(String session, Map<String, List<String>> fields) {
        return bySession(session).map(o -> AnswerSheet.check(o.form(), fields));
    }

    private Verification open(Optional<AnswerLink> found, String auditDetail) {
        if (found.isEmpty()) {
            if (auditDetail != null) {
                audit.patient(null, AuditAction.READ, AuditOutcome.DENIED, "unknown link");
            }
            return new Closed(Optional.empty());
        }
        AnswerLink link = found.get();
        AnswerLink.State state = link.state(clock.instant());
        boolean retired = forms.byId(link.formId()).map(f -> f.status() != FormStatus.ACTIVE).orElse(true);
        if (state != AnswerLink.State.OPEN || retired) {
            audit.patient(link, AuditAction.READ, AuditOutcome.DENIED,
                    "link not usable: " + (retired && state == AnswerLink.State.OPEN ? "questionnaire retired" : state));
            return new Closed(Optional.of(retired && state == AnswerLink.State.OPEN ? AnswerLink.State.EXPIRED : state));
        }
        if (auditDetail != null) {
            audit.patient(link, AuditAction.READ, AuditOutcome.SUCCESS, auditDetail);
        }
        return new Open(link);
    }
}
