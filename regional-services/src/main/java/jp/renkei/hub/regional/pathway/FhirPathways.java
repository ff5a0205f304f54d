package jp.renkei.hub.regional.pathway;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * A pathway as FHIR R4, built from the hub's tables when asked, for the pathway's own facilities only (never put
 * into the FHIR store, where {@code /fhir} would show it to every facility the patient's consent covers): the
 * CarePlan (id = the pathway; instantiates the template; one activity per stage with its status and facilities;
 * the stage goals as contained Goals with their achievement, the named facilities as a contained CareTeam) and one
 * QuestionnaireResponse per recorded sheet (id = the record, basedOn the CarePlan, source tag = the recording
 * facility). The patient is named by event number, the hub's cross-facility identifier; facilities by their hub
 * ID. The sheets' Questionnaires are built from the template ({@link #questionnaire}).
 */
public final class FhirPathways {

    /** Canonical URLs: the template ({@code <base>pathway/<code>}) and its sheets. */
    public static final String TEMPLATE_BASE = "https://renkei-hub.jp/fhir/PlanDefinition/pathway/";
    public static final String QUESTIONNAIRE_BASE = "https://renkei-hub.jp/fhir/Questionnaire/pathway/";
    /** The identifier system of a pathway's CarePlan and its records. */
    public static final String PATHWAY_SYSTEM = "https://renkei-hub.jp/fhir/sid/pathway";
    static final String STAGE_SYSTEM = "https://renkei-hub.jp/fhir/CodeSystem/pathway-stage";
    static final String GOAL_SYSTEM = "https://renkei-hub.jp/fhir/CodeSystem/pathway-goal";
    static final String UNIT_EXTENSION = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
    static final String MIN_EXTENSION = "http://hl7.org/fhir/StructureDefinition/minValue";
    static final String MAX_EXTENSION = "http://hl7.org/fhir/StructureDefinition/maxValue";

    private FhirPathways() {
    }

    /** The CarePlan and the shown records as a collection Bundle. */
    static Bundle bundle(PathwayTemplate template, Pathway pathway, List<StageRecord> shown) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setIdentifier(new Identifier().setSystem(PATHWAY_SYSTEM).setValue(pathway.id().toString()));
        CarePlan plan = carePlan(template, pathway);
        bundle.addEntry().setFullUrl("urn:uuid:" + pathway.id()).setResource(plan);
        for (StageRecord record : shown) {
            Sheet sheet = template.stage(record.stageCode()).flatMap(s -> s.sheet(record.sheetCode())).orElseThrow();
            bundle.addEntry().setFullUrl("urn:uuid:" + record.id()).setResource(response(template, pathway, sheet,
                    record));
        }
        return bundle;
    }

    static CarePlan carePlan(PathwayTemplate template, Pathway pathway) {
        CarePlan plan = new CarePlan();
        plan.setId(pathway.id().toString());
        SourceFacilityStamp.tag(plan, pathway.ownerFacilityId());
        plan.addIdentifier(new Identifier().setSystem(PATHWAY_SYSTEM).setValue(pathway.id().toString()));
        plan.addInstantiatesCanonical(TEMPLATE_BASE + template.code() + "|" + template.version());
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        boolean allDone = template.stages().stream().allMatch(s -> pathway.status(s.code()) == StageStatus.DONE);
        plan.setStatus(allDone ? CarePlan.CarePlanStatus.COMPLETED : CarePlan.CarePlanStatus.ACTIVE);
        plan.setTitle(template.title());
        plan.setDescription(template.condition());
        plan.setSubject(patient(pathway));
        plan.setCreated(Date.from(pathway.startedAt()));
        plan.setAuthor(facility(pathway.ownerFacilityId()));
        CareTeam team = new CareTeam();
        team.setId("team");
        team.setStatus(CareTeam.CareTeamStatus.ACTIVE);
        team.setName(template.title());
        team.addParticipant().setMember(facility(pathway.ownerFacilityId()))
                .addRole(new CodeableConcept().setText("owner"));
        for (Stage stage : template.stages()) {
            for (String facilityId : pathway.participants().getOrDefault(stage.code(), List.of())) {
                team.addParticipant().setMember(facility(facilityId)).addRole(new CodeableConcept(
                        new Coding(STAGE_SYSTEM, stage.code(), stage.title())));
            }
        }
        plan.addContained(team);
        plan.addCareTeam(new Reference("#team"));
        for (Stage stage : template.stages()) {
            StageStatus status = pathway.status(stage.code());
            CarePlan.CarePlanActivityDetailComponent detail = plan.addActivity().getDetail();
            detail.setCode(new CodeableConcept(new Coding(STAGE_SYSTEM, stage.code(), stage.title())));
            detail.setDescription(stage.title());
            detail.setStatus(switch (status) {
                case NOT_STARTED -> CarePlan.CarePlanActivityStatus.NOTSTARTED;
                case IN_PROGRESS -> CarePlan.CarePlanActivityStatus.INPROGRESS;
                case DONE -> CarePlan.CarePlanActivityStatus.COMPLETED;
            });
            pathway.participants().getOrDefault(stage.code(), List.of())
                    .forEach(facilityId -> detail.addPerformer(facility(facilityId)));
            Map<String, Boolean> outcomes = pathway.completion(stage.code()).map(StageCompletion::goals)
                    .orElse(Map.of());
            for (StageGoal stageGoal : stage.goals()) {
                Goal goal = new Goal();
                goal.setId("goal-" + stageGoal.code());
                goal.setLifecycleStatus(status == StageStatus.DONE ? Goal.GoalLifecycleStatus.COMPLETED
                        : Goal.GoalLifecycleStatus.ACTIVE);
                goal.setDescription(new CodeableConcept(new Coding(GOAL_SYSTEM, stageGoal.code(), stageGoal.text()))
                        .setText(stageGoal.text()));
                goal.setSubject(patient(pathway));
                Boolean achieved = outcomes.get(stageGoal.code());
                String achievement = achieved == null ? "in-progress" : achieved ? "achieved" : "not-achieved";
                goal.setAchievementStatus(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/goal-achievement", achievement, null)));
                plan.addContained(goal);
                plan.addGoal(new Reference("#goal-" + stageGoal.code()));
                detail.addGoal(new Reference("#goal-" + stageGoal.code()));
            }
        }
        return plan;
    }

    static QuestionnaireResponse response(PathwayTemplate template, Pathway pathway, Sheet sheet,
                                          StageRecord record) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId(record.id().toString());
        SourceFacilityStamp.tag(response, record.facilityId());
        response.setIdentifier(new Identifier().setSystem(PATHWAY_SYSTEM).setValue(record.id().toString()));
        response.setQuestionnaire(template.sheetUrl(sheet) + "|" + template.version());
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(patient(pathway));
        response.addBasedOn(new Reference("CarePlan/" + pathway.id()));
        response.setAuthored(Date.from(record.recordedAt()));
        response.setAuthor(new Reference().setIdentifier(new Identifier().setSystem(HubSystems.PERSON)
                .setValue(record.personId())).setDisplay(record.personName()));
        for (Map.Entry<String, Object> answer : record.answers().entrySet()) {
            SheetItem item = sheet.item(answer.getKey()).orElseThrow();
            response.addItem().setLinkId(item.linkId()).setText(item.text()).addAnswer()
                    .setValue(value(item, answer.getValue()));
        }
        return response;
    }

    /** The sheet as a FHIR Questionnaire (canonical URL and version of the template). */
    public static Questionnaire questionnaire(PathwayTemplate template, Stage stage, Sheet sheet) {
        Questionnaire q = new Questionnaire();
        q.setUrl(template.sheetUrl(sheet));
        q.setVersion(Integer.toString(template.version()));
        q.setName(sheet.code());
        q.setTitle(template.title() + " " + stage.title() + ": " + sheet.title());
        q.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
        q.addSubjectType("Patient");
        q.addCode(new Coding(STAGE_SYSTEM, stage.code(), stage.title()));
        for (SheetItem item : sheet.items()) {
            Questionnaire.QuestionnaireItemComponent c = q.addItem().setLinkId(item.linkId()).setText(item.text())
                    .setType(item.kind().fhir()).setRequired(item.required());
            item.options().forEach(o -> c.addAnswerOption().setValue(new Coding().setCode(o.code())
                    .setDisplay(o.display())));
            if (!item.unit().isEmpty()) {
                c.addExtension(new Extension(UNIT_EXTENSION, new Coding().setCode(item.unit())
                        .setDisplay(item.unit())));
            }
            if (item.min() != null) {
                c.addExtension(new Extension(MIN_EXTENSION, number(item, item.min())));
            }
            if (item.max() != null) {
                c.addExtension(new Extension(MAX_EXTENSION, number(item, item.max())));
            }
        }
        return q;
    }

    private static Type number(SheetItem item, BigDecimal value) {
        return item.kind() == ItemKind.INTEGER ? new IntegerType(value.intValueExact()) : new DecimalType(value);
    }

    private static Type value(SheetItem item, Object value) {
        return switch (item.kind()) {
            case INTEGER -> new IntegerType((Integer) value);
            case DECIMAL -> new DecimalType((BigDecimal) value);
            case BOOLEAN -> new BooleanType((Boolean) value);
            case CHOICE -> new Coding().setCode((String) value).setDisplay(item.option((String) value)
                    .map(SheetItem.Option::display).orElse(null));
            case DATE -> new DateType(((LocalDate) value).toString());
            case STRING -> new StringType((String) value);
        };
    }

    private static Reference patient(Pathway pathway) {
        return new Reference().setIdentifier(new Identifier().setSystem(HubSystems.EVENT_NUMBER)
                .setValue(pathway.eventNumber()));
    }

    private static Reference facility(String facilityId) {
        return new Reference().setIdentifier(new Identifier().setSystem(HubSystems.FACILITY).setValue(facilityId));
    }
}
