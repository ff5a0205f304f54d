package jp.renkei.hub.regional.pathway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.security.HubRole;

/**
 * Reads one pathway template file (JSON) and checks it whole: unknown fields, wrong types, missing or duplicate
 * codes, unknown facility kinds, professions or item types, number ranges and choice lists. The first problem is
 * reported with the file and its JSON path, and the hub does not start with it.
 */
public final class TemplateFile {

    /** Who may fill in a sheet: the professions that assess patients along a pathway. */
    static final Set<HubRole> PROFESSIONS = Set.copyOf(EnumSet.of(HubRole.DOCTOR, HubRole.DENTIST, HubRole.NURSE,
            HubRole.VISITING_NURSE, HubRole.THERAPIST, HubRole.PHARMACIST, HubRole.CARE_MANAGER));
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern LINK_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    // The file's shape; everything is checked again below with the path of each part.
    record FileTemplate(String code, Integer version, String title, String condition, List<String> ownerKinds,
                        List<FileStage> stages) {
    }

    record FileStage(String code, String title, List<String> facilityKinds, List<FileGoal> goals,
                     List<FileSheet> sheets) {
    }

    record FileGoal(String code, String text) {
    }

    record FileSheet(String code, String title, String profession, List<FileItem> items) {
    }

    record FileItem(String linkId, String text, String type, Boolean required, BigDecimal min, BigDecimal max,
                    String unit, List<FileOption> options) {
    }

    record FileOption(String code, String display) {
    }

    private final String file;

    private TemplateFile(String file) {
        this.file = file;
    }

    /**
     * @param file  the file's name, for the messages
     * @throws InvalidTemplate naming the file, the path and the problem
     */
    public static PathwayTemplate read(String file, byte[] bytes) {
        return new TemplateFile(file).parse(bytes);
    }

    private PathwayTemplate parse(byte[] bytes) {
        FileTemplate raw;
        try {
            raw = JSON.readValue(bytes, FileTemplate.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new InvalidTemplate(file, path(e), "is not a field of a pathway template");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new InvalidTemplate(file, path(e), "has the wrong type (expected " + expected(e.getTargetType())
                    + ")");
        } catch (JsonMappingException e) {
            throw new InvalidTemplate(file, path(e), firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new InvalidTemplate(file, "", "not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidTemplate(file, "", "unreadable: " + e.getMessage());
        }
        if (raw == null) {
            throw new InvalidTemplate(file, "", "is empty");
        }
        String code = code(raw.code(), "code");
        if (raw.version() == null || raw.version() < 1) {
            throw new InvalidTemplate(file, "version", "is required, a whole number of at least 1");
        }
        String title = text(raw.title(), "title", 200);
        String condition = raw.condition() == null ? "" : text(raw.condition(), "condition", 200);
        Set<FacilityKind> ownerKinds = kinds(raw.ownerKinds(), "ownerKinds");
        List<FileStage> fileStages = required(raw.stages(), "stages");
        List<Stage> stages = new ArrayList<>();
        Set<String> stageCodes = new HashSet<>();
        Set<String> goalCodes = new HashSet<>();
        Set<String> sheetCodes = new HashSet<>();
        for (int s = 0; s < fileStages.size(); s++) {
            String at = "stages[" + s + "]";
            FileStage stage = notNull(fileStages.get(s), at);
            String stageCode = unique(code(stage.code(), at + ".code"), stageCodes, at + ".code", "stage");
            List<StageGoal> goals = new ArrayList<>();
            List<FileGoal> fileGoals = required(stage.goals(), at + ".goals");
            for (int g = 0; g < fileGoals.size(); g++) {
                String goalAt = at + ".goals[" + g + "]";
                FileGoal goal = notNull(fileGoals.get(g), goalAt);
                goals.add(new StageGoal(unique(code(goal.code(), goalAt + ".code"), goalCodes, goalAt + ".code",
                        "goal"), text(goal.text(), goalAt + ".text", 500)));
            }
            List<Sheet> sheets = new ArrayList<>();
            List<FileSheet> fileSheets = required(stage.sheets(), at + ".sheets");
            for (int h = 0; h < fileSheets.size(); h++) {
                String sheetAt = at + ".sheets[" + h + "]";
                FileSheet sheet = notNull(fileSheets.get(h), sheetAt);
                sheets.add(new Sheet(unique(code(sheet.code(), sheetAt + ".code"), sheetCodes, sheetAt + ".code",
                        "sheet"), text(sheet.title(), sheetAt + ".title", 200),
                        profession(sheet.profession(), sheetAt + ".profession"), items(sheet.items(), sheetAt)));
            }
            stages.add(new Stage(stageCode, text(stage.title(), at + ".title", 100),
                    kinds(stage.facilityKinds(), at + ".facilityKinds"), goals, sheets));
        }
        return new PathwayTemplate(code, raw.version(), title, condition, ownerKinds, stages, sha256(bytes));
    }

    private List<SheetItem> items(List<FileItem> fileItems, String sheetAt) {
        List<FileItem> given = required(fileItems, sheetAt + ".items");
        List<SheetItem> items = new ArrayList<>();
        Set<String> linkIds = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String at = sheetAt + ".items[" + i + "]";
            FileItem item = notNull(given.get(i), at);
            if (item.linkId() == null || !LINK_ID.matcher(item.linkId()).matches()) {
                throw new InvalidTemplate(file, at + ".linkId", "is required: a letter, then letters, digits, '_' or"
                        + " '-' (at most 40)");
            }
            unique(item.linkId(), linkIds, at + ".linkId", "item");
            ItemKind kind = ItemKind.named(item.type()).orElseThrow(() -> new InvalidTemplate(file, at + ".type",
                    "'" + item.type() + "' is not an item type (integer, decimal, boolean, choice, string, date)"));
            if (!kind.numeric() && (item.min() != null || item.max() != null || item.unit() != null)) {
                throw new InvalidTemplate(file, at, "min, max and unit are for integer and decimal items only");
            }
            if (kind == ItemKind.INTEGER && (!whole(item.min()) || !whole(item.max()))) {
                throw new InvalidTemplate(file, at, "min and max of an integer item are whole numbers");
            }
            if (item.min() != null && item.max() != null && item.min().compareTo(item.max()) > 0) {
                throw new InvalidTemplate(file, at + ".min", "is larger than max");
            }
            List<SheetItem.Option> options = new ArrayList<>();
            if (kind == ItemKind.CHOICE) {
                List<FileOption> fileOptions = required(item.options(), at + ".options");
                Set<String> optionCodes = new HashSet<>();
                for (int o = 0; o < fileOptions.size(); o++) {
                    String optionAt = at + ".options[" + o + "]";
                    FileOption option = notNull(fileOptions.get(o), optionAt);
                    if (option.code() == null || option.code().isBlank() || option.code().length() > 40) {
                        throw new InvalidTemplate(file, optionAt + ".code", "is required (at most 40 characters)");
                    }
                    unique(option.code(), optionCodes, optionAt + ".code", "option");
                    options.add(new SheetItem.Option(option.code(), text(option.display(), optionAt + ".display", 100)));
                }
            } else if (item.options() != null) {
                throw new InvalidTemplate(file, at + ".options", "are for choice items only");
            }
            items.add(new SheetItem(item.linkId(), text(item.text(), at + ".text", 200), kind,
                    Boolean.TRUE.equals(item.required()), item.min(), item.max(), item.unit(), options));
        }
        return items;
    }

    private static boolean whole(BigDecimal value) {
        return value == null || value.stripTrailingZeros().scale() <= 0;
    }

    private String code(String value, String at) {
        if (value == null || !CODE.matcher(value).matches()) {
            throw new InvalidTemplate(file, at, "is required: lower-case letters, digits and '-', starting with a"
                    + " letter (at most 40)");
        }
        return value;
    }

    private String unique(String value, Set<String> seen, String at, String what) {
        if (!seen.add(value)) {
            throw new InvalidTemplate(file, at, "'" + value + "' names a second " + what + " of the same code");
        }
        return value;
    }

    private String text(String value, String at, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidTemplate(file, at, "is required");
        }
        if (value.length() > max) {
            throw new InvalidTemplate(file, at, "is longer than " + max + " characters");
        }
        return value.strip();
    }

    private Set<FacilityKind> kinds(List<String> names, String at) {
        Set<FacilityKind> kinds = EnumSet.noneOf(FacilityKind.class);
        List<String> given = required(names, at);
        for (int k = 0; k < given.size(); k++) {
            String name = given.get(k);
            try {
                kinds.add(FacilityKind.valueOf(name == null ? "" : name));
            } catch (IllegalArgumentException e) {
                throw new InvalidTemplate(file, at + "[" + k + "]", "'" + name + "' is not a facility kind ("
                        + java.util.Arrays.toString(FacilityKind.values()) + ")");
            }
        }
        return kinds;
    }

    private HubRole profession(String name, String at) {
        HubRole role;
        try {
            role = HubRole.valueOf(name == null ? "" : name);
        } catch (IllegalArgumentException e) {
            role = null;
        }
        if (role == null || !PROFESSIONS.contains(role)) {
            throw new InvalidTemplate(file, at, "'" + name + "' is not a profession that fills in sheets "
                    + new java.util.TreeSet<>(PROFESSIONS.stream().map(Enum::name).toList()));
        }
        return role;
    }

    private <T> List<T> required(List<T> list, String at) {
        if (list == null || list.isEmpty()) {
            throw new InvalidTemplate(file, at, "is required (at least one)");
        }
        return list;
    }

    private <T> T notNull(T value, String at) {
        if (value == null) {
            throw new InvalidTemplate(file, at, "is null");
        }
        return value;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another JSON value";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
