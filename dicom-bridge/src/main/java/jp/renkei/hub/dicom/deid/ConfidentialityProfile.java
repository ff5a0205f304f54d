package jp.renkei.hub.dicom.deid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.renkei.hub.dicom.encoding.Tag;

/**
 * PS3.15 Annex E Table E.1-1 as data: for each attribute the Basic Profile action and what three options change
 * (retain longitudinal temporal information with full or modified dates, retain patient characteristics). The
 * table is generated from a machine-readable extract of the standard by
 * {@code dicom-bridge/tools/generate-deid-profile.sh} into {@code basic-profile.tsv}; see the module README for
 * its provenance. Nothing here is typed by hand.
 */
public final class ConfidentialityProfile {

    /**
     * One row of the table.
     *
     * @param fullDates          the Retain Longitudinal Full Dates option's action (K), if it names one
     * @param modifiedDates      the Retain Longitudinal Modified Dates option's action (C), if it names one
     * @param patientCharacteristics the Retain Patient Characteristics option's action, if it names one
     */
    public record Entry(String tag, ProfileAction basic, Optional<ProfileAction> fullDates,
                       Optional<ProfileAction> modifiedDates, Optional<ProfileAction> patientCharacteristics,
                       String name) {
    }

    /** A row for a repeating group such as {@code (60xx,3000)}: a tag matches where the pattern has no x. */
    private record Pattern(int value, int mask, Entry entry) {
        boolean matches(int tag) {
            return (tag & mask) == value;
        }
    }

    private static final ConfidentialityProfile BASIC = load();

    private final Map<Integer, Entry> exact;
    private final List<Pattern> patterns;
    private final Entry privateAttributes;

    private ConfidentialityProfile(Map<Integer, Entry> exact, List<Pattern> patterns, Entry privateAttributes) {
        this.exact = exact;
        this.patterns = patterns;
        this.privateAttributes = privateAttributes;
    }

    public static ConfidentialityProfile basic() {
        return BASIC;
    }

    /** The row governing a standard (even-group) tag, if the table lists it. */
    public Optional<Entry> entry(int tag) {
        Entry entry = exact.get(tag);
        if (entry != null) {
            return Optional.of(entry);
        }
        return patterns.stream().filter(p -> p.matches(tag)).map(Pattern::entry).findFirst();
    }

    /** The row for private attributes (every odd group). */
    public Entry privateAttributes() {
        return privateAttributes;
    }

    public int size() {
        return exact.size() + patterns.size() + 1;
    }

    private static ConfidentialityProfile load() {
        Map<Integer, Entry> exact = new HashMap<>();
        List<Pattern> patterns = new ArrayList<>();
        Entry privateAttributes = null;
        try (InputStream in = ConfidentialityProfile.class.getResourceAsStream("basic-profile.tsv")) {
            if (in == null) {
                throw new IllegalStateException("basic-profile.tsv is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 6) {
                    throw new IllegalStateException("basic-profile.tsv: malformed line '" + line + "'");
                }
                Entry entry = new Entry(f[0], ProfileAction.parse(f[1]), option(f[2]), option(f[3]), option(f[4]), f[5]);
                if (f[0].equals("private")) {
                    privateAttributes = entry;
                } else if (f[0].contains("x")) {
                    String hex = f[0].replace(",", "");
                    int value = (int) Long.parseLong(hex.replace('x', '0'), 16);
                    int mask = (int) Long.parseLong(hex.replaceAll("[0-9A-F]", "F").replace('x', '0'), 16);
                    patterns.add(new Pattern(value, mask, entry));
                } else {
                    String[] parts = f[0].split(",");
                    exact.put(Tag.of(Integer.parseInt(parts[0], 16), Integer.parseInt(parts[1], 16)), entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (privateAttributes == null) {
            throw new IllegalStateException("basic-profile.tsv has no row for private attributes");
        }
        return new ConfidentialityProfile(Map.copyOf(exact), List.copyOf(patterns), privateAttributes);
    }

    private static Optional<ProfileAction> option(String code) {
        return code.equals("-") ? Optional.empty() : Optional.of(ProfileAction.parse(code));
    }
}
