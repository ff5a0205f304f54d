package jp.renkei.hub.regional.questionnaire;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.security.Requester;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the issuing facility sees of its links and the answers: per visit day, per patient, and one answered
 * sheet. Only the requester's acting facility's links exist here; another facility's are absent (the same empty
 * answer as a link that was never issued).
 */
@Service
@Transactional(readOnly = true)
public class AnsweredSheets {

    /** A link as staff see it: the questionnaire, the patient, where it stands. */
    public record LinkRow(AnswerLink link, Form form, AnswerLink.State state) {
    }

    /** An answered sheet: the questions of its version with the answers as stored in the FHIR store. */
    public record Sheet(AnswerLink link, Form form, QuestionnaireResponse response, List<Row> rows) {
    }

    /** One question and its answers as text (empty when not asked or not answered). */
    public record Row(Item item, List<String> answers) {
    }

    private final LinkStore links;
    private final FormStore forms;
    private final FhirQuestionnaires fhir;
    private final QuestionnaireAudit audit;
    private final java.time.Clock clock;
    private final PatientCrossReference crossReference;

    public AnsweredSheets(LinkStore links, FormStore forms, FhirQuestionnaires fhir, QuestionnaireAudit audit,
                          java.time.Clock clock, PatientCrossReference crossReference) {
        this.crossReference = crossReference;
        this.links = links;
        this.forms = forms;
        this.fhir = fhir;
        this.audit = audit;
        this.clock = clock;
    }

    public List<LinkRow> onDay(Requester requester, LocalDate day) {
        return rows(requester, links.onDay(requester.facilityId(), day));
    }

    /**
     * The facility's answered sheets about the patient with this event number (through the local IDs the facility
     * itself has linked to it), newest visit first, at most {@code limit}: the patient page's 問診 section.
     */
    @Transactional
    public List<Sheet> answeredFor(Requester requester, EventNumber number, int limit) {
        List<String> localIds = crossReference.resolve(number)
                .map(n -> crossReference.localIdsOf(n, requester.facilityId())).orElse(List.of());
        return localIds.stream().flatMap(local -> links.ofLocalPatient(requester.facilityId(), local).stream())
                .filter(l -> l.responseFhirId() != null)
                .sorted(java.util.Comparator.comparing(AnswerLink::visitDate).thenComparing(AnswerLink::usedAt).reversed())
                .limit(limit)
                .flatMap(l -> sheet(requester, l.id()).stream()).toList();
    }

    /** One answered sheet of the facility, read and audited; absent when not the facility's or not answered. */
    @Transactional
    public Optional<Sheet> sheet(Requester requester, UUID linkId) {
        Optional<AnswerLink> link = links.find(requester.facilityId(), linkId).filter(l -> l.responseFhirId() != null);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        Optional<Form> form = forms.find(requester.facilityId(), link.get().formId());
        Optional<QuestionnaireResponse> response = fhir.response(link.get().responseFhirId());
        if (form.isEmpty() || response.isEmpty()) {
            return Optional.empty();
        }
        audit.staff(requester, AuditAction.READ, "Patient/" + link.get().patientId(),
                "QuestionnaireResponse/" + link.get().responseFhirId(), "answers read");
        List<Row> rows = form.get().items().stream().map(item -> new Row(item, response.get().getItem().stream()
                .filter(i -> item.linkId().equals(i.getLinkId())).flatMap(i -> i.getAnswer().stream())
                .map(AnsweredSheets::text).toList())).toList();
        return Optional.of(new Sheet(link.get(), form.get(), response.get(), rows));
    }

    private List<LinkRow> rows(Requester requester, List<AnswerLink> found) {
        Instant now = clock.instant();
        return found.stream().flatMap(l -> forms.find(requester.facilityId(), l.formId()).stream()
                .map(f -> new LinkRow(l, f, l.state(now)))).toList();
    }

    private static String text(QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent answer) {
        if (answer.hasValueBooleanType()) {
            return answer.getValueBooleanType().booleanValue() ? "はい" : "いいえ";
        }
        if (answer.hasValueCoding()) {
            return answer.getValueCoding().hasDisplay() ? answer.getValueCoding().getDisplay()
                    : answer.getValueCoding().getCode();
        }
        if (answer.hasValueDecimalType()) {
            return answer.getValueDecimalType().getValue().toPlainString();
        }
        return answer.getValue() == null ? "" : answer.getValue().primitiveValue();
    }
}
