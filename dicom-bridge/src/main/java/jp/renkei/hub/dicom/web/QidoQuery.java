package jp.renkei.hub.dicom.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.Vr;
import org.springframework.util.MultiValueMap;

/**
 * The query parameters of a QIDO-RS search (PS3.18 8.3.4): matching keys by keyword or tag, as a data set of
 * keys in C-FIND's form, so that matching is the one C-FIND uses; {@code limit} and {@code offset}.
 * {@code includefield} is accepted and has nothing to add: every attribute the index holds is returned. A key
 * the level does not support is refused rather than silently ignored.
 */
record QidoQuery(DataSet keys, int limit, int offset) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** A matching key: its tag and VR. */
    record Key(String keyword, int tag, Vr vr) {
    }

    static final List<Key> STUDY_KEYS = List.of(new Key("PatientID", Tag.PATIENT_ID, Vr.LO),
            new Key("StudyDate", Tag.STUDY_DATE, Vr.DA), new Key("ModalitiesInStudy", Tag.MODALITIES_IN_STUDY, Vr.CS),
            new Key("StudyInstanceUID", Tag.STUDY_INSTANCE_UID, Vr.UI),
            new Key("AccessionNumber", Tag.ACCESSION_NUMBER, Vr.SH));
    static final List<Key> SERIES_KEYS = List.of(new Key("Modality", Tag.MODALITY, Vr.CS),
            new Key("SeriesInstanceUID", Tag.SERIES_INSTANCE_UID, Vr.UI));
    static final List<Key> INSTANCE_KEYS = List.of(new Key("SOPInstanceUID", Tag.SOP_INSTANCE_UID, Vr.UI),
            new Key("SOPClassUID", Tag.SOP_CLASS_UID, Vr.UI));

    private static final Set<String> CONTROLS = Set.of("limit", "offset", "includefield", "fuzzymatching");

    static QidoQuery parse(MultiValueMap<String, String> parameters, List<Key> supported) {
        DataSet keys = new DataSet();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (CONTROLS.contains(name)) {
                continue;
            }
            Key key = supported.stream().filter(k -> k.keyword().equals(name)
                            || String.format("%08X", k.tag()).equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> ApiException.invalid(name, "is not a matching key of this search; supported: "
                            + supported.stream().map(Key::keyword).toList()));
            String[] values = parameter.getValue().stream()
                    .flatMap(v -> key.vr() == Vr.UI ? Stream.of(v.split("[,\\\\]")) : Stream.of(v))
                    .map(String::strip).toArray(String[]::new);
            if (key.vr() != Vr.UI && values.length > 1) {
                throw ApiException.invalid(name, "may be given once");
            }
            keys.setStrings(key.tag(), key.vr(), values);
        }
        if ("true".equalsIgnoreCase(parameters.getFirst("fuzzymatching"))) {
            throw ApiException.invalid("fuzzymatching", "is not supported; matching is exact or by wildcard");
        }
        return new QidoQuery(keys, number(parameters, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
                number(parameters, "offset", 0, 0, Integer.MAX_VALUE));
    }

    private static int number(MultiValueMap<String, String> parameters, String name, int absent, int min, int max) {
        String value = parameters.getFirst(name);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw ApiException.invalid(name, "must be between " + min + " and " + max + "; got " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "'" + value + "' is not a whole number");
        }
    }

    /** The value of a single-valued key, empty when absent. */
    String value(int tag) {
        return keys.string(tag).map(String::strip).orElse("");
    }

    /** The page of {@code all} this query asks for. */
    <T> List<T> page(List<T> all) {
        return all.stream().skip(offset).limit(limit).toList();
    }
}
