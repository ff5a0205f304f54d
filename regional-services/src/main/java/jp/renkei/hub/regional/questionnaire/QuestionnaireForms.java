package jp.renkei.hub.regional.questionnaire;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.security.Requester;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A facility builds its questionnaires: a draft gets a title and items, is published (written to the FHIR store
 * as the facility's Questionnaire; the series' previously published version is retired), retired, or copied into
 * a new draft version. Every action is on the requester's acting facility's questionnaires only: another
 * facility's is absent. Refusals are {@link QuestionnaireRefused} and change nothing.
 */
@Service
@Transactional
public class QuestionnaireForms {

    static final int TITLE_MAX = 100;
    static final int ITEM_TEXT_MAX = 200;
    static final int ITEMS_MAX = 50;
    static final int OPTIONS_MAX = 20;
    static final int OPTION_MAX = 50;
    static final int UNIT_MAX = 20;

    private final FormStore store;
    private final FhirQuestionnaires fhir;
    private final QuestionnaireAudit audit;
    private final Clock clock;

    public QuestionnaireForms(FormStore store, FhirQuestionnaires fhir, QuestionnaireAudit audit, Clock clock) {
        this.store = store;
        this.fhir = fhir;
        this.audit = audit;
        this.clock = clock;
    }

    public Form create(Requester requester, String title) {
        String text = title == null ? "" : title.strip();
        if (text.isEmpty() || text.length() > TITLE_MAX) {
            throw new QuestionnaireRefused("title");
        }
        Form form = new Form(UUID.randomUUID(), UUID.randomUUID(), requester.facilityId(), 1, text, List.of(),
                FormStatus.DRAFT, null, requester.id(), clock.instant(), null, null);
        store.insert(form);
        audit.staff(requester, AuditAction.CREATE, null, "form " + form.id(), "draft v1");
        return form;
    }

    @Transactional(readOnly = true)
    public List<Form> list(Requester requester) {
        return store.ofFacility(requester.facilityId());
    }

    @Transactional(readOnly = true)
    public Optional<Form> find(Requester requester, UUID id) {
        return store.find(requester.facilityId(), id);
    }

    public Form addItem(Requester requester, UUID formId, NewItem input) {
        Form form = draft(requester, formId);
        if (form.items().size() >= ITEMS_MAX) {
            throw new QuestionnaireRefused("tooManyItems");
        }
        String text = input.text() == null ? "" : input.text().strip();
        if (text.isEmpty() || text.length() > ITEM_TEXT_MAX) {
            throw new QuestionnaireRefused("itemText");
        }
        if (input.type() == null) {
            throw new QuestionnaireRefused("itemType");
        }
        List<String> options = List.of();
        if (input.type().hasOptions()) {
            options = Arrays.stream((input.options() == null ? "" : input.options()).split("\\R"))
                    .map(String::strip).filter(o -> !o.isEmpty()).distinct().toList();
            if (options.size() < 2 || options.size() > OPTIONS_MAX
                    || options.stream().anyMatch(o -> o.length() > OPTION_MAX)) {
                throw new QuestionnaireRefused("options");
            }
        }
        String unit = input.type() == ItemType.NUMBER && input.unit() != null ? input.unit().strip() : "";
        if (unit.length() > UNIT_MAX) {
            throw new QuestionnaireRefused("unit");
        }
        String shownWhen = input.shownWhen() == null || input.shownWhen().isBlank() ? null : input.shownWhen().strip();
        if (shownWhen != null && form.item(shownWhen).filter(i -> i.type() == ItemType.YES_NO).isEmpty()) {
            throw new QuestionnaireRefused("shownWhen");
        }
        List<Item> items = new ArrayList<>(form.items());
        Item item = new Item(form.nextLinkId(), text, input.type(), input.required(), options, unit, shownWhen);
        items.add(item);
        Form changed = form.withItems(items);
        save(changed);
        audit.staff(requester, AuditAction.UPDATE, null, "form " + formId, "item " + item.linkId() + " added");
        return changed;
    }

    public Form removeItem(Requester requester, UUID formId, String linkId) {
        Form form = draft(requester, formId);
        if (form.item(linkId).isEmpty()) {
            throw new QuestionnaireRefused("noItem");
        }
        if (form.items().stream().anyMatch(i -> linkId.equals(i.shownWhen()))) {
            throw new QuestionnaireRefused("itemDependedOn");
        }
        Form changed = form.withItems(form.items().stream().filter(i -> !i.linkId().equals(linkId)).toList());
        save(changed);
        audit.staff(requester, AuditAction.UPDATE, null, "form " + formId, "item " + linkId + " removed");
        return changed;
    }

    /** Publishes the draft; the series' version published so far is retired. */
    public Form publish(Requester requester, UUID formId) {
        Form form = draft(requester, formId);
        if (form.items().isEmpty()) {
            throw new QuestionnaireRefused("noItems");
        }
        store.series(requester.facilityId(), form.seriesId()).stream()
                .filter(f -> f.status() == FormStatus.ACTIVE).forEach(active -> retire(active));
        Form published = new Form(form.id(), form.seriesId(), form.facilityId(), form.version(), form.title(),
                form.items(), FormStatus.ACTIVE, null, form.createdBy(), form.createdAt(), clock.instant(), null);
        String fhirId = fhir.publish(published);
        store.published(form.id(), fhirId, published.publishedAt());
        audit.staff(requester, AuditAction.UPDATE, null, "form " + formId,
                "published v" + form.version() + " as Questionnaire/" + fhirId);
        return store.find(requester.facilityId(), formId).orElseThrow();
    }

    /** Retires a published version: no new links; links already issued can no longer be answered. */
    public Form retire(Requester requester, UUID formId) {
        Form form = store.find(requester.facilityId(), formId).orElseThrow(() -> new QuestionnaireRefused("noForm"));
        if (form.status() != FormStatus.ACTIVE) {
            throw new QuestionnaireRefused("notPublished");
        }
        retire(form);
        audit.staff(requester, AuditAction.UPDATE, null, "form " + formId, "retired v" + form.version());
        return store.find(requester.facilityId(), formId).orElseThrow();
    }

    /** A new draft version with the items of this one (at most one draft per series). */
    public Form newVersion(Requester requester, UUID formId) {
        Form form = store.find(requester.facilityId(), formId).orElseThrow(() -> new QuestionnaireRefused("noForm"));
        List<Form> series = store.series(requester.facilityId(), form.seriesId());
        if (series.stream().anyMatch(f -> f.status() == FormStatus.DRAFT)) {
            throw new QuestionnaireRefused("draftExists");
        }
        int version = series.stream().mapToInt(Form::version).max().orElse(0) + 1;
        Form draft = new Form(UUID.randomUUID(), form.seriesId(), form.facilityId(), version, form.title(),
                form.items(), FormStatus.DRAFT, null, requester.id(), clock.instant(), null, null);
        store.insert(draft);
        audit.staff(requester, AuditAction.CREATE, null, "form " + draft.id(), "draft v" + version);
        return draft;
    }

    private void retire(Form active) {
        store.retired(active.id(), clock.instant());
        fhir.retire(active);
    }

    private Form draft(Requester requester, UUID formId) {
        Form form = store.find(requester.facilityId(), formId).orElseThrow(() -> new QuestionnaireRefused("noForm"));
        if (form.status() != FormStatus.DRAFT) {
            throw new QuestionnaireRefused("notDraft");
        }
        return form;
    }

    private void save(Form form) {
        if (!store.updateDraftItems(form)) {
            throw new QuestionnaireRefused("notDraft");
        }
    }
}
