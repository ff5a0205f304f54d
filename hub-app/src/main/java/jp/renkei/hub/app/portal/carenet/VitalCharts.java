package jp.renkei.hub.app.portal.carenet;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.renkei.hub.app.portal.patient.LabTrendSvg;
import jp.renkei.hub.carenet.vital.VitalReading;
import jp.renkei.hub.carenet.vital.VitalSign;
import jp.renkei.hub.carenet.vital.VitalSigns;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.labtrend.LabPoint;
import jp.renkei.hub.fhir.labtrend.LabSeries;
import org.springframework.stereotype.Component;

/**
 * The vital signs of care-net posts as the portal shows them: one trend chart per sign, drawn by the patient
 * page's {@link LabTrendSvg} (vital signs have no reference range, so none is drawn), and the numbers as a table,
 * newest first, one row per post. For a room, and for the patient page of a room's linked event number.
 */
@Component
public class VitalCharts {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

    /** One chart: the sign's label, unit and SVG. */
    public record Chart(String id, String label, String unit, String svg) {
    }

    /** One post's readings: when, and the value of each column ("" when not entered). */
    public record Row(String at, List<String> values) {
    }

    /** A room's charts and table; {@code roomId} links to the room. */
    public record Vitals(UUID roomId, String patientName, List<Chart> charts, List<String> columns, List<Row> rows) {

        public boolean empty() {
            return rows.isEmpty();
        }
    }

    /** The table's columns: blood pressure in one column (systolic/diastolic). */
    private static final List<List<VitalSign>> COLUMNS = List.of(List.of(VitalSign.TEMPERATURE),
            List.of(VitalSign.SYSTOLIC, VitalSign.DIASTOLIC), List.of(VitalSign.PULSE), List.of(VitalSign.SPO2),
            List.of(VitalSign.WEIGHT));

    private final VitalSigns vitalSigns;

    public VitalCharts(VitalSigns vitalSigns) {
        this.vitalSigns = vitalSigns;
    }

    /** The room's vital signs for a member (others: the room's 404, as an ApiException). */
    public Vitals room(UUID roomId, Requester requester) {
        VitalSigns.RoomVitals room = vitalSigns.ofRoom(roomId, requester);
        return vitals(roomId, room.room().patientName(), room.readings());
    }

    /** The vital signs of the rooms linked to the patient in which the requester is a member. */
    public List<Vitals> patient(EventNumber eventNumber, Requester requester) {
        return vitalSigns.ofPatient(eventNumber, requester).stream()
                .map(r -> vitals(r.room().id(), r.room().patientName(), r.readings())).toList();
    }

    static Vitals vitals(UUID roomId, String patientName, List<VitalReading> readings) {
        String prefix = "vital-" + roomId.toString().substring(0, 8);
        Map<VitalSign, List<LabPoint>> bySign = new EnumMap<>(VitalSign.class);
        Map<UUID, Map<VitalSign, BigDecimal>> byPost = new LinkedHashMap<>();
        Map<UUID, String> postTimes = new LinkedHashMap<>();
        for (VitalReading reading : readings) {
            bySign.computeIfAbsent(reading.sign(), s -> new ArrayList<>()).add(new LabPoint(reading.postId() + "-"
                    + reading.sign().item(), reading.at().atOffset(java.time.ZoneOffset.ofHours(9)), reading.value(),
                    reading.sign().unit(), null, null, "", "", ""));
            byPost.computeIfAbsent(reading.postId(), p -> new EnumMap<>(VitalSign.class)).put(reading.sign(), reading.value());
            postTimes.putIfAbsent(reading.postId(), MINUTE.format(reading.at()));
        }
        List<Chart> charts = new ArrayList<>();
        bySign.forEach((sign, points) -> {
            String id = prefix + "-" + sign.item();
            charts.add(new Chart(id, sign.label(), sign.unit(),
                    LabTrendSvg.svg(id, sign.label(), new LabSeries(sign.unit(), points))));
        });
        List<String> columns = COLUMNS.stream().map(c -> c.size() > 1
                ? "血圧（" + c.get(0).unit() + "）" : c.get(0).label() + "（" + c.get(0).unit() + "）").toList();
        List<Row> rows = new ArrayList<>();
        byPost.forEach((post, values) -> rows.add(0, new Row(postTimes.get(post), COLUMNS.stream()
                .map(c -> cell(c, values)).toList())));
        return new Vitals(roomId, patientName, charts, columns, rows);
    }

    private static String cell(List<VitalSign> signs, Map<VitalSign, BigDecimal> values) {
        if (signs.size() == 1) {
            BigDecimal value = values.get(signs.get(0));
            return value == null ? "" : value.toPlainString();
        }
        BigDecimal systolic = values.get(VitalSign.SYSTOLIC);
        BigDecimal diastolic = values.get(VitalSign.DIASTOLIC);
        if (systolic == null && diastolic == null) {
            return "";
        }
        return (systolic == null ? "—" : systolic.toPlainString()) + "/" + (diastolic == null ? "—" : diastolic.toPlainString());
    }
}
