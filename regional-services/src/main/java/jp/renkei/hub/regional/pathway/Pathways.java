package jp.renkei.hub.regional.pathway;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
import jp.renkei.hub.regional.questionnaire.FacilityPatientFinder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Regional liaison pathways (地域連携パス): a hospital starts one for its own patient from a template and names the
 * facilities of each stage (the patient's consent must cover each of them); each named facility records its
 * stage's assessment sheets and marks its stage done with the goals achieved or not; the owner follows the
 * progress. A pathway exists only for its owner and its named facilities: for every other facility it is absent,
 * with the same answer as a pathway that does not exist — also when the patient's consent no longer covers the
 * facility.
 */
@Service
public class Pathways {

    /** Who starts a pathway: the hospital's doctors, nurses and referral-desk clerks (地域連携室). */
    public static final Set<HubRole> STARTERS = Set.copyOf(EnumSet.of(HubRole.DOCTOR, HubRole.NURSE, HubRole.CLERK));
    /** Who marks a stage done: the professions that assess it (not clerks). */
    public static final Set<HubRole> COMPLETERS = TemplateFile.PROFESSIONS;
    /** Who opens pathways at all (the access rule's roles). */
    public static final Set<HubRole> READERS = HubAccessRules.PATHWAY_PEOPLE;
    static final int MAX_FACILITIES_PER_STAGE = 10;
    static final int NOTE_MAX = 1000;

    private final PathwayStore store;
    private final PathwayTemplates templates;
    private final FacilityRegistry facilities;
    private final FacilityPatientFinder patients;
    private final PathwayConsent consent;
    private final PathwayAudit audit;
    private final Clock clock;

    public Pathways(PathwayStore store, PathwayTemplates templates, FacilityRegistry facilities,
                    FacilityPatientFinder patients, PathwayConsent consent, PathwayAudit audit, Clock clock) {
        this.store = store;
        this.templates = templates;
        this.facilities = facilities;
        this.patients = patients;
        this.consent = consent;
        this.audit = audit;
        this.clock = clock;
    }

    public List<PathwayTemplate> templates() {
        return templates.current();
    }

    public PathwayTemplate template(Pathway pathway) {
        return templates.version(pathway.templateCode(), pathway.templateVersion());
    }

    /**
     * Starts a pathway; nothing is stored unless the template, the patient (the owner's own, by event number),
     * every named facility (active, of a kind the stage takes) and the consent for each of them are right.
     */
    @Transactional
    public Pathway start(Requester requester, PathwayStart start) {
        requirePerson(requester);
        if (STARTERS.stream().noneMatch(requester::has)) {
            throw new PathwayRefused("Pathways are started by doctors, nurses and the referral desk");
        }
        Facility owner = facilities.find(requester.facilityId()).orElseThrow();
        String code = start.templateCode() == null ? "" : start.templateCode().strip();
        PathwayTemplate template = templates.current(code).orElseThrow(() -> new InvalidPathway("template",
                code.isEmpty() ? "is required" : "'" + code + "' is not a pathway template"));
        if (!template.ownerKinds().contains(owner.kind())) {
            throw new PathwayRefused("A " + template.code() + " pathway is started by " + template.ownerKinds()
                    + ", not by " + owner.kind());
        }
        EventNumber number = eventNumber(start.eventNumber());
        if (patients.find(owner.id(), number.digits()).isEmpty()) {
            throw new InvalidPathway("eventNumber", "no patient of your facility has this event number");
        }
        Map<String, List<String>> given = start.participants() == null ? Map.of() : start.participants();
        Map<String, String> errors = new LinkedHashMap<>();
        given.keySet().stream().filter(stage -> template.stage(stage).isEmpty()).sorted().forEach(stage ->
                errors.put("participants." + stage, "is not a stage of " + template.code()));
        Map<String, List<String>> participants = new LinkedHashMap<>();
        for (Stage stage : template.stages()) {
            String field = "participants." + stage.code();
            Set<String> named = new LinkedHashSet<>();
            for (String id : given.getOrDefault(stage.code(), List.of())) {
                if (id != null && !id.isBlank()) {
                    named.add(id.strip());
                }
            }
            if (named.isEmpty()) {
                errors.put(field, "name at least one facility for " + stage.title());
                continue;
            }
            if (named.size() > MAX_FACILITIES_PER_STAGE) {
                errors.put(field, "at most " + MAX_FACILITIES_PER_STAGE + " facilities");
                continue;
            }
            for (String id : named) {
                Optional<Facility> facility = active(id);
                if (facility.isEmpty()) {
                    errors.putIfAbsent(field, "'" + id + "': no participating facility has this ID");
                } else if (!stage.facilityKinds().contains(facility.get().kind())) {
                    errors.putIfAbsent(field, facility.get().details().name() + " (" + facility.get().kind()
                            + ") cannot take " + stage.title() + " (" + stage.facilityKinds() + ")");
                } else {
                    consent.missing(number, owner.id(), id).ifPresent(reason -> errors.putIfAbsent(field,
                            "the patient's consent does not cover sharing with " + facility.get().details().name()
                                    + ": " + reason));
                }
            }
            participants.put(stage.code(), List.copyOf(named));
        }
        if (!errors.isEmpty()) {
            throw new InvalidPathway(errors);
        }
        UUID id = UUID.randomUUID();
        Pathway pathway = new Pathway(id, template.code(), template.version(), owner.id(), number.digits(),
                requester.id(), requester.principal().display(), clock.instant(), participants, Map.of(), List.of());
        store.insert(pathway);
        audit.record(requester, AuditAction.CREATE, id, number.digits(), template.code() + " v" + template.version()
                + " started with " + pathway.participantFacilities().size() + " facilities");
        return store.find(id).orElseThrow();
    }

    /** The pathways the requester's facility owns or takes part in (under the patient's consent), newest first. */
    public List<Pathway> involving(Requester requester) {
        requireReader(requester);
        return store.involving(requester.facilityId()).stream()
                .filter(p -> p.ownedBy(requester.facilityId()) || consented(p, requester.facilityId())).toList();
    }

    /**
     * The pathway as FHIR R4 for its own facilities: a collection Bundle of the CarePlan and the records the
     * requester sees as QuestionnaireResponses. Audited like opening.
     */
    public org.hl7.fhir.r4.model.Bundle fhir(Requester requester, UUID id) {
        Pathway pathway = visible(requester, id, AuditAction.READ);
        audit.record(requester, AuditAction.READ, id, pathway.eventNumber(), "pathway read as FHIR");
        return FhirPathways.bundle(template(pathway), pathway, shownRecords(requester, pathway));
    }

    /** Opens a pathway. Audited, refusals too. */
    public Pathway open(Requester requester, UUID id) {
        Pathway pathway = visible(requester, id, AuditAction.READ);
        audit.record(requester, AuditAction.READ, id, pathway.eventNumber(), "pathway opened");
        return pathway;
    }

    /**
     * Records one filled-in sheet of a stage the requester's facility is named for; the requester must have the
     * sheet's profession. All or nothing: unknown items and wrong values store nothing.
     */
    @Transactional
    public StageRecord record(Requester requester, UUID id, String stageCode, String sheetCode,
                              Map<String, String> answers) {
        Pathway pathway = visible(requester, id, AuditAction.UPDATE);
        PathwayTemplate template = template(pathway);
        Stage stage = ownStage(requester, pathway, template, stageCode);
        Sheet sheet = stage.sheet(sheetCode == null ? "" : sheetCode).orElseThrow(() -> new InvalidPathway("sheet",
                "'" + sheetCode + "' is not a sheet of " + stage.code() + " " + stage.sheets().stream()
                        .map(Sheet::code).toList()));
        if (!requester.has(sheet.profession())) {
            throw new PathwayRefused("Sheet " + sheet.code() + " is filled in by " + sheet.profession());
        }
        Map<String, Object> checked;
        try {
            checked = SheetCheck.check(sheet, answers == null ? Map.of() : answers);
        } catch (InvalidPathway e) {
            audit.refused(requester, AuditAction.UPDATE, id, pathway.eventNumber(), "sheet " + sheet.code()
                    + " refused: " + String.join(", ", e.errors().keySet()));
            throw e;
        }
        store.lock(id);
        if (store.find(id).orElseThrow().status(stage.code()) == StageStatus.DONE) {
            throw new PathwayConflict("Stage " + stage.code() + " is done: nothing more is recorded for it");
        }
        StageRecord record = new StageRecord(UUID.randomUUID(), stage.code(), sheet.code(), requester.facilityId(),
                requester.id(), requester.principal().display(), clock.instant(), checked);
        store.insertRecord(id, record);
        audit.record(requester, AuditAction.UPDATE, id, pathway.eventNumber(), "stage " + stage.code() + " sheet "
                + sheet.code() + " recorded (" + record.id() + ")");
        return record;
    }

    /**
     * Marks a stage the requester's facility is named for done, with every goal of the stage achieved or not.
     *
     * @param goals goal code → achieved; every goal of the stage must be given, no other
     */
    @Transactional
    public Pathway complete(Requester requester, UUID id, String stageCode, Map<String, Boolean> goals, String note) {
        Pathway pathway = visible(requester, id, AuditAction.UPDATE);
        PathwayTemplate template = template(pathway);
        Stage stage = ownStage(requester, pathway, template, stageCode);
        if (COMPLETERS.stream().noneMatch(requester::has)) {
            throw new PathwayRefused("A stage is marked done by its clinicians or care managers");
        }
        Map<String, Boolean> given = goals == null ? Map.of() : goals;
        Map<String, String> errors = new LinkedHashMap<>();
        given.keySet().stream().filter(g -> stage.goals().stream().noneMatch(s -> s.code().equals(g))).sorted()
                .forEach(g -> errors.put("goals." + g, "is not a goal of " + stage.code()));
        Map<String, Boolean> outcomes = new LinkedHashMap<>();
        for (StageGoal goal : stage.goals()) {
            Boolean achieved = given.get(goal.code());
            if (achieved == null) {
                errors.put("goals." + goal.code(), "say whether it was achieved (" + goal.text() + ")");
            } else {
                outcomes.put(goal.code(), achieved);
            }
        }
        String text = note == null ? "" : note.strip();
        if (text.length() > NOTE_MAX) {
            errors.put("note", "is longer than " + NOTE_MAX + " characters");
        }
        if (!errors.isEmpty()) {
            throw new InvalidPathway(errors);
        }
        store.lock(id);
        boolean done = store.complete(id, new StageCompletion(stage.code(), requester.facilityId(), requester.id(),
                requester.principal().display(), clock.instant(), outcomes, text.isEmpty() ? null : text));
        if (!done) {
            throw new PathwayConflict("Stage " + stage.code() + " is done already");
        }
        Pathway updated = store.find(id).orElseThrow();
        audit.record(requester, AuditAction.UPDATE, id, pathway.eventNumber(), "stage " + stage.code() + " done: "
                + outcomes.values().stream().filter(Boolean::booleanValue).count() + " of " + outcomes.size()
                + " goals achieved");
        return updated;
    }

    /**
     * The records the requester's facility sees: its own, and another facility's while the patient's consent
     * covers sharing between the two (checked now, so a withdrawal hides them at once).
     */
    public List<StageRecord> shownRecords(Requester requester, Pathway pathway) {
        Map<String, Boolean> covered = new LinkedHashMap<>();
        EventNumber number = new EventNumber(pathway.eventNumber());
        return pathway.records().stream().filter(r -> covered.computeIfAbsent(r.facilityId(), f ->
                consent.missing(number, requester.facilityId(), f).isEmpty())).toList();
    }

    private Stage ownStage(Requester requester, Pathway pathway, PathwayTemplate template, String stageCode) {
        Stage stage = template.stage(stageCode == null ? "" : stageCode).orElseThrow(() -> new InvalidPathway(
                "stage", "'" + stageCode + "' is not a stage of " + template.code()));
        if (!pathway.participants().getOrDefault(stage.code(), List.of()).contains(requester.facilityId())) {
            audit.refused(requester, AuditAction.UPDATE, pathway.id(), pathway.eventNumber(),
                    "stage " + stage.code() + " is not this facility's");
            throw new PathwayRefused("Your facility is not named for stage " + stage.code() + " of this pathway");
        }
        return stage;
    }

    private Pathway visible(Requester requester, UUID id, AuditAction action) {
        requireReader(requester);
        Optional<Pathway> pathway = store.find(id).filter(p -> p.involves(requester.facilityId()));
        if (pathway.isPresent() && !pathway.get().ownedBy(requester.facilityId())
                && !consented(pathway.get(), requester.facilityId())) {
            audit.refused(requester, action, id, pathway.get().eventNumber(),
                    "the patient's consent no longer covers this facility");
            throw new PathwayNotFound();
        }
        if (pathway.isEmpty()) {
            audit.refused(requester, action, id, null, "no such pathway for this facility");
            throw new PathwayNotFound();
        }
        return pathway.get();
    }

    private boolean consented(Pathway pathway, String facilityId) {
        return consent.missing(new EventNumber(pathway.eventNumber()), pathway.ownerFacilityId(), facilityId).isEmpty();
    }

    private Optional<Facility> active(String id) {
        try {
            return facilities.find(id).filter(f -> f.status() == FacilityStatus.ACTIVE);
        } catch (RuntimeException malformedId) {
            return Optional.empty();
        }
    }

    private static EventNumber eventNumber(String given) {
        if (given == null || given.isBlank()) {
            throw new InvalidPathway("eventNumber", "is required");
        }
        try {
            return EventNumber.parse(given);
        } catch (ApiException e) {
            throw new InvalidPathway("eventNumber", e.fieldErrors().getOrDefault("eventNumber", e.getMessage()));
        }
    }

    private static void requirePerson(Requester requester) {
        if (requester.kind() != HubPrincipal.Kind.PERSON) {
            throw new PathwayRefused("Pathways are for people");
        }
    }

    private static void requireReader(Requester requester) {
        requirePerson(requester);
        if (READERS.stream().noneMatch(requester::has)) {
            throw new PathwayRefused("Pathways are for clinicians, care managers and the referral desk");
        }
    }
}
