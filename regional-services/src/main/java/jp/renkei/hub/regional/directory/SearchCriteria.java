package jp.renkei.hub.regional.directory;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.core.facility.FacilityKind;

/**
 * A checked directory search. Every filter left empty matches everything.
 *
 * @param point    the origin as a point, or {@code null} (then {@code from} may name a facility)
 * @param openAt   minute of the day, only with {@code openOn}
 */
public record SearchCriteria(Set<FacilityKind> kinds, Set<CareFacilityType> careTypes, Set<Department> departments,
                             Set<ServiceCode> services, String municipality, String area, String from, Position point,
                             Double radiusKm, Set<Acceptance> accepting, DayOfWeek openOn, Integer openAt,
                             String name, int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;
    public static final double MAX_RADIUS_KM = 1000;
    private static final Pattern CLOCK = Pattern.compile("([0-9]{1,2}):([0-9]{2})");

    public static SearchCriteria everything() {
        return of(new SearchRequest(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null));
    }

    public static SearchCriteria of(SearchRequest request) {
        Problems problems = new Problems();
        Set<FacilityKind> kinds = EnumSet.noneOf(FacilityKind.class);
        Set<CareFacilityType> careTypes = EnumSet.noneOf(CareFacilityType.class);
        for (String kind : values(request.kinds())) {
            var facilityKind = Arrays.stream(FacilityKind.values()).filter(k -> k.name().equals(kind)).findFirst();
            var careType = CareFacilityType.ofCode(kind);
            if (facilityKind.isPresent()) {
                kinds.add(facilityKind.get());
            } else if (careType.isPresent()) {
                careTypes.add(careType.get());
            } else {
                problems.add("kind", "施設の種類「" + kind + "」はありません");
            }
        }
        Set<Department> departments = EnumSet.noneOf(Department.class);
        for (String code : values(request.departments())) {
            Department.ofCode(code).ifPresentOrElse(departments::add,
                    () -> problems.add("department", "診療科コード「" + code + "」はありません（SS-MIX2 診療科コード）"));
        }
        Set<ServiceCode> services = EnumSet.noneOf(ServiceCode.class);
        for (String code : values(request.services())) {
            ServiceCode.ofCode(code).ifPresentOrElse(services::add,
                    () -> problems.add("service", "サービスコード「" + code + "」はありません"));
        }
        String municipality = text(request.municipality());
        if (municipality != null && !municipality.matches("[0-9]{6}")) {
            problems.add("municipality", "市区町村コードは全国地方公共団体コードの6桁で指定してください（例: 072010）");
        }
        Position point = problems.attempt(() -> Position.parse(request.latitude(), request.longitude()));
        String from = text(request.from());
        if (from != null && point != null) {
            problems.add("from", "起点は施設か緯度・経度のどちらか一方で指定してください");
        }
        Double radius = null;
        if (text(request.radiusKm()) != null) {
            radius = number(request.radiusKm());
            if (radius == null || radius <= 0 || radius > MAX_RADIUS_KM) {
                problems.add("radiusKm", "半径は 0 より大きく " + (int) MAX_RADIUS_KM + " 以下の km で指定してください");
                radius = null;
            } else if (from == null && point == null && text(request.latitude()) == null) {
                problems.add("radiusKm", "半径で絞り込むには起点（施設または緯度・経度）を指定してください");
            }
        }
        Set<Acceptance> accepting = EnumSet.noneOf(Acceptance.class);
        for (String value : values(request.accepting())) {
            Arrays.stream(Acceptance.values()).filter(a -> a.name().equalsIgnoreCase(value)).findFirst()
                    .ifPresentOrElse(accepting::add,
                            () -> problems.add("accepting", "新規患者の受け入れは YES・NO・ASK のいずれかで指定してください"));
        }
        DayOfWeek openOn = null;
        if (text(request.openOn()) != null) {
            openOn = OpeningHours.weekday(request.openOn());
            if (openOn == null) {
                problems.add("openOn", "曜日は MONDAY〜SUNDAY で指定してください");
            }
        }
        Integer openAt = null;
        if (text(request.openAt()) != null) {
            Matcher m = CLOCK.matcher(request.openAt().strip());
            if (!m.matches() || Integer.parseInt(m.group(1)) > 23 || Integer.parseInt(m.group(2)) > 59) {
                problems.add("openAt", "時刻は「10:30」の形（00:00〜23:59）で指定してください");
            } else if (text(request.openOn()) == null) {
                problems.add("openAt", "時刻で絞り込むには曜日も指定してください");
            } else {
                openAt = Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
            }
        }
        int page = whole(problems, "page", request.page(), 0, 0, Integer.MAX_VALUE);
        int size = whole(problems, "size", request.size(), DEFAULT_SIZE, 1, MAX_SIZE);
        String name = text(request.name());
        if (name != null && name.length() > 100) {
            problems.add("name", "名称は100文字以内で指定してください");
        }
        problems.throwIfAny();
        return new SearchCriteria(kinds, careTypes, departments, services, municipality, text(request.area()), from,
                point, radius, accepting, openOn, openAt, name, page, size);
    }

    public boolean hasOrigin() {
        return from != null || point != null;
    }

    private static List<String> values(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank())
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static String text(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Double number(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int whole(Problems problems, String field, String text, int absent, int min, int max) {
        if (text(text) == null) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(field, field.equals("size") ? "1ページの件数は 1〜" + max + " で指定してください"
                : "ページ番号は 0 以上の整数で指定してください");
        return absent;
    }
}
