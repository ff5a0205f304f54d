package jp.renkei.hub.app.portal.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.core.facility.AeTitle;
import jp.renkei.hub.core.facility.FacilityApplication;
import jp.renkei.hub.core.facility.FacilityContact;
import jp.renkei.hub.core.facility.FacilityDetails;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.InvalidFacilityField;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.facility.PostalAddress;

/**
 * Checks the application form with the domain's own value types, exactly as {@code POST /api/admin/facilities}
 * does, but field by field so that every wrong field gets its own Japanese message: each value is built with the
 * other values of its type set to ones known to be valid, so the domain judges that one field alone. The domain's
 * English problem ({@link InvalidFacilityField#problem()}, the code's and the kind's messages) becomes a message
 * key with its arguments.
 */
final class FacilityFormCheck {

    /** A message key and its arguments, for one field. */
    record Problem(String key, List<Object> args) {
        static Problem of(String key, Object... args) {
            return new Problem(key, List.of(args));
        }
    }

    /** Either the application, ready for the registry, or the problems by form field (in form order). */
    record Result(FacilityApplication application, Map<String, Problem> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final Pattern TOO_LONG = Pattern.compile("must be at most (\\d+) characters");
    private static final Pattern CODE_LENGTH = Pattern.compile("must be 10 digits, got (\\d+) characters");
    private static final Pattern CODE_DIGIT = Pattern.compile("'(.+)' at position (\\d+) is not an ASCII digit");
    private static final Pattern CODE_PREFECTURE = Pattern.compile("prefecture '(\\d+)' is not between 01 and 47");
    private static final Pattern CODE_FEE = Pattern.compile("fee-schedule digit (.), not (.)");
    private static final Pattern KANA_OFFENDING = Pattern.compile("; '(.+)' is not$");

    private static final PostalAddress VALID_ADDRESS = new PostalAddress("960-8611", "福島県", "福島市", "大町1-1");
    private static final FacilityContact VALID_CONTACT = new FacilityContact("024-521-1111", null);

    private FacilityFormCheck() {
    }

    static Result check(FacilityForm form) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        FacilityKind kind = null;
        try {
            kind = form.kind().isEmpty() ? null : FacilityKind.valueOf(form.kind());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (kind == null) {
            problems.put("kind", Problem.of("operator.error.kind"));
        }
        MedicalInstitutionCode code = null;
        if (!form.medicalInstitutionCode().isEmpty()) {
            try {
                code = new MedicalInstitutionCode(form.medicalInstitutionCode());
            } catch (IllegalArgumentException e) {
                problems.put("medicalInstitutionCode", codeProblem(e.getMessage()));
            }
        }
        if (kind != null && !problems.containsKey("medicalInstitutionCode")) {
            FacilityKind k = kind;
            MedicalInstitutionCode c = code;
            kind.codeProblem(code).ifPresent(p -> problems.put("medicalInstitutionCode", kindProblem(k, c, p)));
        }
        field(problems, "name", () -> details(form.name(), "カナ", "県北"));
        field(problems, "nameKana", () -> details("名称", form.nameKana(), "県北"));
        field(problems, "postalCode", () -> new PostalAddress(form.postalCode(), "福島県", "福島市", "1"));
        field(problems, "prefecture", () -> new PostalAddress("960-8611", form.prefecture(), "福島市", "1"));
        field(problems, "city", () -> new PostalAddress("960-8611", "福島県", form.city(), "1"));
        field(problems, "line", () -> new PostalAddress("960-8611", "福島県", "福島市", form.line()));
        field(problems, "region", () -> details("名称", "カナ", form.region()));
        field(problems, "phone", () -> new FacilityContact(form.phone(), null));
        field(problems, "email", () -> new FacilityContact("024-521-1111", email(form)));
        List<AeTitle> titles = new ArrayList<>();
        for (String title : aeTitles(form)) {
            try {
                titles.add(new AeTitle(title));
            } catch (IllegalArgumentException e) {
                problems.putIfAbsent("aeTitles", Problem.of("operator.error.aeTitle", title));
            }
        }
        if (!problems.containsKey("aeTitles")) {
            field(problems, "aeTitles", () -> new FacilityDetails("名称", "カナ", VALID_ADDRESS, "県北", VALID_CONTACT, titles));
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        FacilityDetails details = new FacilityDetails(form.name(), form.nameKana(),
                new PostalAddress(form.postalCode(), form.prefecture(), form.city(), form.line()), form.region(),
                new FacilityContact(form.phone(), email(form)), titles);
        return new Result(new FacilityApplication(kind, code, details), Map.of());
    }

    private static String email(FacilityForm form) {
        return form.email().isEmpty() ? null : form.email();
    }

    private static List<String> aeTitles(FacilityForm form) {
        return form.aeTitles().isEmpty() ? List.of()
                : List.of(form.aeTitles().split("[,、\\r\\n]+")).stream().map(String::strip).filter(t -> !t.isEmpty())
                .toList();
    }

    private static FacilityDetails details(String name, String kana, String region) {
        return new FacilityDetails(name, kana, VALID_ADDRESS, region, VALID_CONTACT, List.of());
    }

    /** Runs the domain's construction; a refusal is the form field's problem. */
    private static void field(Map<String, Problem> problems, String field, Supplier<?> construction) {
        try {
            construction.get();
        } catch (InvalidFacilityField e) {
            problems.put(field, fieldProblem(field, e.problem()));
        }
    }

    static Problem fieldProblem(String field, String problem) {
        if (problem.startsWith("must not be blank")) {
            return Problem.of("operator.error.blank", label(field));
        }
        Matcher tooLong = TOO_LONG.matcher(problem);
        if (tooLong.find()) {
            return Problem.of("operator.error.tooLong", label(field), Integer.parseInt(tooLong.group(1)));
        }
        if (problem.startsWith("lists '")) {
            return Problem.of("operator.error.aeTitleTwice", problem.substring(7, problem.indexOf('\'', 7)));
        }
        if (field.equals("nameKana")) {
            Matcher offending = KANA_OFFENDING.matcher(problem);
            return Problem.of("operator.error.format.nameKana", offending.find() ? offending.group(1) : "");
        }
        return Problem.of("operator.error.format." + field);
    }

    static Problem codeProblem(String message) {
        Matcher length = CODE_LENGTH.matcher(message);
        if (length.find()) {
            return Problem.of("operator.error.code.length", Integer.parseInt(length.group(1)));
        }
        Matcher digit = CODE_DIGIT.matcher(message);
        if (digit.find()) {
            return Problem.of("operator.error.code.digit", digit.group(1), Integer.parseInt(digit.group(2)));
        }
        Matcher prefecture = CODE_PREFECTURE.matcher(message);
        if (prefecture.find()) {
            return Problem.of("operator.error.code.prefecture", prefecture.group(1));
        }
        return Problem.of("operator.error.code.other");
    }

    static Problem kindProblem(FacilityKind kind, MedicalInstitutionCode code, String message) {
        String kindLabel = "operator.kind." + kind.name();
        if (message.contains("must have a medical-institution code")) {
            return Problem.of("operator.error.code.required", kindLabel);
        }
        if (message.contains("must not have a medical-institution code")) {
            return Problem.of("operator.error.code.forbidden", kindLabel);
        }
        Matcher fee = CODE_FEE.matcher(message);
        if (fee.find()) {
            return Problem.of("operator.error.code.feeSchedule", kindLabel, fee.group(1), fee.group(2));
        }
        return Problem.of("operator.error.code.other");
    }

    private static String label(String field) {
        return "operator.field." + field;
    }
}
