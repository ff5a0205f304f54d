package jp.renkei.hub.app.portal.consent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentRecord;
import jp.renkei.hub.consent.ConsentTerms;
import jp.renkei.hub.consent.ObtainedVia;
import jp.renkei.hub.consent.ScannedForm;
import jp.renkei.hub.consent.api.ConsentRequests;
import jp.renkei.hub.consent.api.ConsentRequests.Scope;
import jp.renkei.hub.consent.api.ConsentRequests.ScopeKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.web.multipart.MultipartFile;

/**
 * The consent form of the desk (record and amend), as typed. {@link #read} turns it into the registry's terms
 * with the API's own translation ({@link ConsentRequests#terms}), after checking each field with a Japanese
 * message; whatever the API would refuse is refused here too.
 */
public class ConsentForm {

    private String category;
    private String granteeScope = "ALL";
    private List<String> grantees = new ArrayList<>();
    private String sourceScope = "ALL";
    private List<String> sources = new ArrayList<>();
    private String validFrom;
    private String validUntil;
    private String obtainedVia;
    private MultipartFile scannedForm;
    private String reason;

    /** What the form says, checked: the terms and the scanned form (or null). */
    record Read(ConsentCategory category, ConsentTerms terms, ScannedForm form) {
    }

    /** The form of a new consent: valid from today, obtained on a written form. */
    static ConsentForm blank(LocalDate today) {
        ConsentForm form = new ConsentForm();
        form.validFrom = today.toString();
        form.obtainedVia = ObtainedVia.WRITTEN_FORM.name();
        return form;
    }

    /** The amendment form, filled with what the consent says now. */
    static ConsentForm of(ConsentRecord consent) {
        ConsentForm form = new ConsentForm();
        ConsentTerms terms = consent.terms();
        form.category = consent.category().name();
        form.granteeScope = terms.grantees().all() ? "ALL" : "LISTED";
        form.grantees = new ArrayList<>(terms.grantees().facilityIds());
        form.sourceScope = terms.sources().all() ? "ALL" : "LISTED";
        form.sources = new ArrayList<>(terms.sources().facilityIds());
        form.validFrom = DeskDates.dayOf(terms.period().start()).toString();
        form.validUntil = terms.period().end() == null ? "" : DeskDates.lastDayBefore(terms.period().end()).toString();
        form.obtainedVia = terms.obtainedVia().name();
        return form;
    }

    /**
     * Checks every field; the errors (field → message key) are put into {@code errors} and null returned when
     * any field is wrong.
     *
     * @param withCategory false for an amendment (the category of a consent never changes)
     */
    Read read(boolean withCategory, FacilityRegistry facilities, Map<String, String> errors) {
        ConsentCategory chosenCategory = null;
        if (withCategory) {
            chosenCategory = enumOf(ConsentCategory.class, category);
            if (chosenCategory == null) {
                errors.put("category", "consent.error.category");
            }
        }
        Scope granteeScopeRead = scope("grantees", granteeScope, grantees, errors);
        Scope sourceScopeRead = scope("sources", sourceScope, sources, errors);
        LocalDate from = date("validFrom", validFrom, true, errors);
        LocalDate until = date("validUntil", validUntil, false, errors);
        if (from != null && until != null && until.isBefore(from)) {
            errors.put("validUntil", "consent.error.validUntil.beforeStart");
        }
        ObtainedVia via = enumOf(ObtainedVia.class, obtainedVia);
        if (via == null) {
            errors.put("obtainedVia", "consent.error.obtainedVia");
        }
        ScannedForm form = scanned(errors);
        if (reason != null && reason.strip().length() > 1000) {
            errors.put("reason", "consent.error.reason.tooLong");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        try {
            ConsentTerms terms = ConsentRequests.terms(granteeScopeRead, sourceScopeRead, DeskDates.startOf(from),
                    until == null ? null : DeskDates.endOf(until), via, facilities);
            return new Read(chosenCategory, terms, form);
        } catch (ApiException e) {
            // a facility that is not registered (a tampered form): name the scope it was in
            e.fieldErrors().keySet().forEach(field -> errors.put(field.startsWith("sources") ? "sources" : "grantees",
                    "consent.error.scope.unknownFacility"));
            if (errors.isEmpty()) {
                errors.put("validUntil", "consent.error.validUntil.beforeStart");
            }
            return null;
        }
    }

    private static Scope scope(String field, String kind, List<String> ids, Map<String, String> errors) {
        if ("ALL".equals(kind)) {
            return new Scope(ScopeKind.ALL, List.of());
        }
        if (!"LISTED".equals(kind)) {
            errors.put(field, "consent.error.scope.kind");
            return null;
        }
        List<String> listed = ids == null ? List.of() : ids.stream().filter(id -> !id.isBlank()).distinct().toList();
        if (listed.isEmpty()) {
            errors.put(field, "consent.error.scope.empty");
            return null;
        }
        return new Scope(ScopeKind.LISTED, listed);
    }

    private static LocalDate date(String field, String text, boolean required, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.put(field, "consent.error." + field + ".required");
            }
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "consent.error.date.format");
            return null;
        }
    }

    private ScannedForm scanned(Map<String, String> errors) {
        if (scannedForm == null || scannedForm.isEmpty()) {
            return null;
        }
        if (scannedForm.getSize() > ScannedForm.MAX_BYTES) {
            errors.put("scannedForm", "consent.error.form.tooLarge");
            return null;
        }
        try {
            return ScannedForm.of(scannedForm.getBytes());
        } catch (ApiException e) {
            errors.put("scannedForm", "consent.error.form.type");
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        return null;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getGranteeScope() {
        return granteeScope;
    }

    public void setGranteeScope(String granteeScope) {
        this.granteeScope = granteeScope;
    }

    public List<String> getGrantees() {
        return grantees;
    }

    public void setGrantees(List<String> grantees) {
        this.grantees = grantees;
    }

    public String getSourceScope() {
        return sourceScope;
    }

    public void setSourceScope(String sourceScope) {
        this.sourceScope = sourceScope;
    }

    public List<String> getSources() {
        return sources;
    }

    public void setSources(List<String> sources) {
        this.sources = sources;
    }

    public String getValidFrom() {
        return validFrom;
    }

    public void setValidFrom(String validFrom) {
        this.validFrom = validFrom;
    }

    public String getValidUntil() {
        return validUntil;
    }

    public void setValidUntil(String validUntil) {
        this.validUntil = validUntil;
    }

    public String getObtainedVia() {
        return obtainedVia;
    }

    public void setObtainedVia(String obtainedVia) {
        this.obtainedVia = obtainedVia;
    }

    public MultipartFile getScannedForm() {
        return scannedForm;
    }

    public void setScannedForm(MultipartFile scannedForm) {
        this.scannedForm = scannedForm;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
