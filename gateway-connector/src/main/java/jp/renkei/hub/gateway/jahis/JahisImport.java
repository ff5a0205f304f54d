package jp.renkei.hub.gateway.jahis;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.IngestResult;
import jp.renkei.hub.gateway.ingest.IngestStore;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ingest.Quarantine;
import jp.renkei.hub.gateway.ingest.QuarantineSource;
import jp.renkei.hub.gateway.ingest.SourceRef;
import jp.renkei.hub.gateway.ingest.StoreOutcome;
import org.springframework.stereotype.Service;

/**
 * The JAHIS TC import pipeline, for uploads and drop directories alike: read ({@link JahisTcReader}), map
 * ({@link JahisDispensingMapper}), then store each dispensing through the ingest core. A file that cannot be read
 * or mapped is kept in the {@link Quarantine} with the exact reason and nothing of it is stored; after a fix it
 * is re-processed from there ({@link QuarantineSource} of kind {@value #SOURCE_KIND}).
 */
@Service
public class JahisImport implements QuarantineSource {

    public static final String SOURCE_KIND = "JAHIS_FILE";

    private final JahisTcReader reader = new JahisTcReader();
    private final IngestStore store;
    private final Quarantine quarantine;

    public JahisImport(IngestStore store, Quarantine quarantine) {
        this.store = store;
        this.quarantine = quarantine;
    }

    /** Where a JAHIS input came from: the facility's local ID of its patient (TC files carry none) and the file. */
    public record JahisSource(String localPatientId, String fileName) {

        public SourceRef toRef() {
            return new SourceRef(SOURCE_KIND, URLEncoder.encode(localPatientId, StandardCharsets.UTF_8) + "/" + fileName);
        }

        static JahisSource of(SourceRef ref) {
            int slash = ref.reference().indexOf('/');
            return new JahisSource(URLDecoder.decode(ref.reference().substring(0, slash), StandardCharsets.UTF_8),
                    ref.reference().substring(slash + 1));
        }
    }

    /** What one import did: the ingest result and what the file held. */
    public record JahisImportResult(IngestResult result, int dispensings, int medicationDispenses) {
    }

    @Override
    public String kind() {
        return SOURCE_KIND;
    }

    @Override
    public IngestResult reprocess(String facilityId, SourceRef source, byte[] raw) {
        return importFile(facilityId, JahisSource.of(source), raw).result();
    }

    public JahisImportResult importFile(String facilityId, JahisSource source, byte[] bytes) {
        SourceRef ref = source.toRef();
        List<MappedRecord> records;
        TcDocument document;
        try {
            document = reader.read(bytes);
            records = JahisDispensingMapper.map(document, facilityId, source.localPatientId(), ref);
        } catch (JahisFormatException e) {
            IngestFailure failure = new IngestFailure(e.getMessage(), location(e));
            return new JahisImportResult(IngestResult.quarantined(failure, quarantine.hold(facilityId, ref, bytes,
                    failure)), 0, 0);
        }
        List<StoreOutcome> outcomes = new ArrayList<>();
        for (MappedRecord record : records) {
            try {
                outcomes.add(store.store(record));
            } catch (IngestFailure e) {
                // Earlier dispensings of the file are stored (each is its own unit); this one and the rest are not.
                IngestFailure failure = new IngestFailure("dispensing " + record.recordKey() + ": " + e.reason()
                        + (outcomes.isEmpty() ? "" : " (the file's first " + outcomes.size()
                        + " dispensing(s) were stored; re-processing stores the rest and leaves those unchanged)"),
                        e.location(), e.rejected(), e);
                return new JahisImportResult(IngestResult.quarantined(failure, quarantine.hold(facilityId, ref, bytes,
                        failure)), records.size(), 0);
            }
        }
        int dispenses = records.stream().mapToInt(r -> r.resources().size() - 1).sum();
        return new JahisImportResult(IngestResult.stored(outcomes, warnings(document)), records.size(), dispenses);
    }

    /** A JAHIS record in the core's terms: the record number as segment, its line as index, the CSV column as field. */
    private static ErrorLocation location(JahisFormatException e) {
        if (e.line() == 0) {
            return ErrorLocation.WHOLE;
        }
        String record = e.record() == null ? "line" : e.record().split(" ")[0];
        return new ErrorLocation(record, e.line(), e.field(), 0);
    }

    private static List<String> warnings(TcDocument document) {
        List<String> warnings = new ArrayList<>();
        if (JahisTcReader.isNewerThanKnown(document.version())) {
            warnings.add(String.format("JAHIS TC version %02d is newer than the newest this hub knows (%02d): read"
                    + " forward-compatibly, fields appended in the newer version were ignored", document.version(),
                    JahisTcReader.NEWEST_KNOWN_VERSION));
        }
        if (!document.notImported().isEmpty()) {
            warnings.add("records read but not imported (the hub imports dispensed drugs only): "
                    + document.notImported().stream().map(r -> r.type().label() + " line " + r.line())
                    .collect(Collectors.joining(", ")));
        }
        document.split().filter(split -> !split.complete()).ifPresent(split -> warnings.add(split.describe()
                + "; imported on their own"));
        return warnings;
    }
}
