package jp.renkei.hub.regional.questionnaire;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * The FHIR side of web questionnaires, written by the hub itself (no principal) into the JPA store and
 * source-tagged with the owning facility, so that the consent gate treats them as that facility's data: a
 * published version becomes a Questionnaire (url per series, version, status); a submitted answer becomes a
 * QuestionnaireResponse (completed, subject = the facility's Patient, source = the patient).
 */
@Component
public class FhirQuestionnaires {

    /** The canonical URL of a questionnaire series: {@code <base>/<seriesId>}. */
    public static final String URL_BASE = "https://renkei-hub.jp/fhir/Questionnaire/web-questionnaire/";
    /** The FHIR unit extension (questionnaire-unit) on a number item. */
    static final String UNIT_EXTENSION = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";

    private final DaoRegistry daos;

    FhirQuestionnaires(DaoRegistry daos) {
        this.daos = daos;
    }

    static Questionnaire questionnaire(Form form) {
        Questionnaire q = new Questionnaire();
        SourceFacilityStamp.tag(q, form.facilityId());
        q.setUrl(URL_BASE + form.seriesId());
        q.setVersion(Integer.toString(form.version()));
        q.setTitle(form.title());
        q.setStatus(form.status().fhir());
        q.addSubjectType("Patient");
        q.setPublisher(form.facilityId());
        q.addIdentifier(new Identifier().setSystem(HubSystems.FACILITY).setValue(form.facilityId()));
        for (Item item : form.items()) {
            Questionnaire.QuestionnaireItemComponent c = q.addItem();
            c.setLinkId(item.linkId()).setText(item.text()).setType(item.type().fhir()).setRequired(item.required());
            if (item.type() == ItemType.MULTIPLE_CHOICE) {
                c.setRepeats(true);
            }
            item.options().forEach(o -> c.addAnswerOption().setValue(new Coding().setCode(o).setDisplay(o)));
            if (item.type() == ItemType.NUMBER && !item.unit().isEmpty()) {
                c.addExtension(new Extension(UNIT_EXTENSION, new Coding().setDisplay(item.unit()).setCode(item.unit())));
            }
            if (item.shownWhen() != null) {
                c.addEnableWhen().setQuestion(item.shownWhen())
                        .setOperator(Questionnaire.QuestionnaireItemOperator.EQUAL).setAnswer(new BooleanType(true));
            }
        }
        return q;
    }

    /** Writes the published version; returns its id. */
    String publish(Form form) {
        Questionnaire q = questionnaire(form);
        return daos.getResourceDao(Questionnaire.class).create(q, new SystemRequestDetails()).getId().getIdPart();
    }

    /** Marks a published version retired in the FHIR store as well. */
    void retire(Form form) {
        if (form.fhirId() == null) {
            return;
        }
        Questionnaire q = questionnaire(form);
        q.setId(form.fhirId());
        q.setStatus(FormStatus.RETIRED.fhir());
        daos.getResourceDao(Questionnaire.class).update(q, new SystemRequestDetails());
    }

    /** Writes the patient's answers; returns the QuestionnaireResponse's id. */
    String respond(Form form, AnswerLink link, List<Answer> answers, Instant authored) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        SourceFacilityStamp.tag(response, form.facilityId());
        response.setQuestionnaire(URL_BASE + form.seriesId() + "|" + form.version());
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        Reference patient = new Reference("Patient/" + link.patientId());
        response.setSubject(patient);
        response.setSource(patient.copy());
        response.setAuthored(Date.from(authored));
        response.setIdentifier(new Identifier().setSystem(LINK_SYSTEM).setValue(link.id().toString()));
        for (Answer answer : answers) {
            Item item = form.item(answer.linkId()).orElseThrow();
            QuestionnaireResponse.QuestionnaireResponseItemComponent c = response.addItem()
                    .setLinkId(item.linkId()).setText(item.text());
            for (Object value : answer.values()) {
                c.addAnswer().setValue(value(value));
            }
        }
        return daos.getResourceDao(QuestionnaireResponse.class).create(response, new SystemRequestDetails())
                .getId().getIdPart();
    }

    private static org.hl7.fhir.r4.model.Type value(Object value) {
        if (value instanceof Boolean b) {
            return new BooleanType(b);
        }
        if (value instanceof BigDecimal d) {
            return new DecimalType(d);
        }
        if (value instanceof java.time.LocalDate d) {
            return new DateType(d.toString());
        }
        if (value instanceof Choice choice) {
            return new Coding().setCode(choice.option()).setDisplay(choice.option());
        }
        return new StringType(value.toString());
    }

    /** The identifier system of a response: the link it was answered through. */
    static final String LINK_SYSTEM = "https://renkei-hub.jp/fhir/sid/questionnaire-link";

    /** A stored response, as the hub reads it (callers check the facility first). */
    public Optional<QuestionnaireResponse> response(String id) {
        try {
            return Optional.of(daos.getResourceDao(QuestionnaireResponse.class)
                    .read(new org.hl7.fhir.r4.model.IdType("QuestionnaireResponse", id), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    /** One option ticked in a choice item. */
    record Choice(String option) {
    }

}
