package jp.renkei.hub.gateway.jahis;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jp.renkei.hub.core.monitoring.HubMeters;
import jp.renkei.hub.core.monitoring.IngestChannel;
import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.IngestResult;
import jp.renkei.hub.gateway.ingest.IngestStore;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ingest.Quarantine;
import jp.renkei.hub.gateway.ingest.QuarantineSource;
import jp.renkei.hub.gateway.ingest.RegisteredFacilityReferences;
import jp.renkei.hub.gateway.ingest.SourceRef;
import jp.renkei.hub.gateway.ingest.StoreOutcome;
import org.hl7.fhir.r4.model.Patient;
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

    private final JahisTcReader tcReader = new JahisTcReader();
    private final JahisRxReader rxReader = new JahisRxReader();
    private final IngestStore store;
    private final Quarantine quarantine;
    private final RegisteredFacilityReferences namedFacilities;
    private final HubMeters meters;

    public JahisImport(IngestStore store, Quarantine quarantine, RegisteredFacilityReferences namedFacilities,
                       HubMeters meters) {
        this.meters = meters;
        this.store = store;
        this.quarantine = quarantine;
        this.namedFacilities = namedFacilities;
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

    /**
     * What one import did: the ingest result and what the file held.
     *
     * @param format                 TC (e-medication notebook) or RX (prescription 2D symbol); null when the header
     *                               was unreadable
     * @param storedBeforeQuarantine records of a quarantined file stored before one failed to store (0: nothing of
     *                               the file was stored)
     */
    public record JahisImportResult(IngestResult result, String format, int dispensings, int medicationDispenses,
                                    int medicationRequests, Map<String, Integer> resources, List<TcLine> lines,
                                    int storedBeforeQuarantine) {

        public JahisImportResult {
            resources = Map.copyOf(resources);
            lines = List.copyOf(lines);
        }

        static JahisImportResult refused(IngestResult result, String format, int dispensings, int storedBefore) {
            return new JahisImportResult(result, format, dispensings, 0, 0, Map.of(), List.of(), storedBefore);
        }
    }

    /** What a file was read and mapped to, before storing. */
    private record Mapped(String format, List<MappedRecord> records, List<String> warnings, int dispensings,
                          int dispenses, int requests, List<TcLine> lines) {

        /** Resources by type, without the Patient every record repeats. */
        Map<String, Integer> resources() {
            Map<String, Integer> counts = new TreeMap<>();
            records.stream().flatMap(r -> r.resources().stream()).filter(r -> !(r instanceof Patient))
                    .forEach(r -> counts.merge(r.fhirType(), 1, Integer::sum));
            return counts;
        }
    }

    @Override
    public String kind() {
        return SOURCE_KIND;
    }

    @Override
    public IngestResult reprocess(String facilityId, SourceRef source, byte[] raw) {
        JahisSource jahis = JahisSource.of(source);
        if (jahis.localPatientId().isEmpty()) {
            return withoutPatient(facilityId, jahis.fileName(), raw);
        }
        return importFile(facilityId, jahis, raw).result();
    }

    /**
     * Quarantines a dropped file whose name does not say whose it is ({@code <local patient ID>_<anything>}): JAHIS
     * files do not carry the facility's patient ID, so it cannot be imported; the quarantine API shows it.
     */
    public IngestResult withoutPatient(String facilityId, String fileName, byte[] bytes) {
        IngestFailure failure = new IngestFailure("file name '" + fileName + "' does not start with <local patient"
                + " ID>_: JAHIS files do not carry the pharmacy's patient ID, so the drop-file name must; drop it"
                + " again named <local patient ID>_" + fileName, ErrorLocation.WHOLE);
        IngestResult result = IngestResult.quarantined(failure, quarantine.hold(facilityId,
                new JahisSource("", fileName).toRef(), bytes, failure));
        meters.ingest(IngestChannel.JAHIS, result.meterOutcome());
        return result;
    }

    /** Reads the file by its header (TC {@code JAHISTCnn} or prescription {@code JAHIS10}), maps and stores it. */
    public JahisImportResult importFile(String facilityId, JahisSource source, byte[] bytes) {
        JahisImportResult imported = importUncounted(facilityId, source, bytes);
        meters.ingest(IngestChannel.JAHIS, imported.result().meterOutcome());
        return imported;
    }

    private JahisImportResult importUncounted(String facilityId, JahisSource source, byte[] bytes) {
        SourceRef ref = source.toRef();
        Mapped mapped;
        String format = null;
        try {
            TcText text = TcText.decode(bytes);
            format = JahisRxReader.isPrescription(text) ? "RX" : "TC";
            mapped = format.equals("RX") ? prescription(text, facilityId, source.localPatientId(), ref)
                    : notebook(text, facilityId, source.localPatientId(), ref);
        } catch (JahisFormatException e) {
            IngestFailure failure = new IngestFailure(e.getMessage(), location(e));
            return JahisImportResult.refused(IngestResult.quarantined(failure, quarantine.hold(facilityId, ref, bytes,
                    failure)), format, 0, 0);
        }
        List<StoreOutcome> outcomes = new ArrayList<>();
        for (MappedRecord record : mapped.records()) {
            try {
                outcomes.add(store.store(record));
            } catch (IngestFailure e) {
                // Earlier records of the file are stored (each is its own unit); this one and the rest are not.
                IngestFailure failure = new IngestFailure("record " + record.recordKey() + ": " + e.reason()
                        + (outcomes.isEmpty() ? "" : " (the file's first " + outcomes.size()
                        + " record(s) were stored; re-processing stores the rest and leaves those unchanged)"),
                        e.location(), e.rejected(), e);
                return JahisImportResult.refused(IngestResult.quarantined(failure, quarantine.hold(facilityId, ref, bytes,
                        failure)), format, mapped.dispensings(), outcomes.size());
            }
        }
        return new JahisImportResult(IngestResult.stored(outcomes, mapped.warnings()), format, mapped.dispensings(),
                mapped.dispenses(), mapped.requests(), mapped.resources(), mapped.lines(), 0);
    }

    private Mapped notebook(TcText text, String facilityId, String localPatientId, SourceRef ref) {
        TcDocument document = tcReader.read(text);
        // the pharmacy and prescribing institution a dispensing names: the registry facility when its code is registered
        List<MappedRecord> dispensings = namedFacilities.resolve(
                JahisDispensingMapper.map(document, facilityId, localPatientId, ref));
        int dispenses = dispensings.stream().mapToInt(r -> r.resources().size() - 1).sum();
        List<MappedRecord> records = new ArrayList<>(dispensings);
        records.addAll(JahisNotebookMapper.map(document, facilityId, localPatientId, ref));
        if (records.isEmpty()) {
            // a notebook with nothing but its patient still tells who the patient is
            records.add(JahisNotebookMapper.patientOnly(document, facilityId, localPatientId, ref));
        }
        return new Mapped("TC", records, warnings(document), dispensings.size(), dispenses, 0, document.lines());
    }

    private Mapped prescription(TcText text, String facilityId, String localPatientId, SourceRef ref) {
        RxDocument document = rxReader.read(text);
        MappedRecord record = JahisPrescriptionMapper.map(document, facilityId, localPatientId, ref);
        int requests = document.rps().stream().mapToInt(rp -> rp.drugs().size()).sum();
        List<String> warnings = document.notImported().isEmpty() ? List.of() : List.of(notImported(
                document.notImported().stream().map(r -> r.type().label() + " line " + r.line())));
        return new Mapped("RX", List.of(record), warnings, 0, 0, requests, RxLines.of(text, document));
    }

    /** A JAHIS record in the core's terms: the record number as segment, its line as index, the CSV column as field. */
    private static ErrorLocation location(JahisFormatException e) {
        if (e.line() == 0) {
            return ErrorLocation.WHOLE;
        }
        String record = e.record() == null ? "line" : e.record().split(" ")[0];
        return new ErrorLocation(record, e.line(), e.field(), 0);
    }

    private static String notImported(java.util.stream.Stream<String> records) {
        return "records read but not imported (the hub imports the drugs, the patient and who prescribed or"
                + " dispensed them): " + records.collect(Collectors.joining(", "));
    }

    private static List<String> warnings(TcDocument document) {
        List<String> warnings = new ArrayList<>();
        if (JahisTcReader.isNewerThanKnown(document.version())) {
            warnings.add(String.format("JAHIS TC version %02d is newer than the newest this hub knows (%02d): read"
                    + " forward-compatibly, fields appended in the newer version were ignored", document.version(),
                    JahisTcReader.NEWEST_KNOWN_VERSION));
        }
        warnings.addAll(document.warnings());
        List<TcLine> notMapped = document.lines().stream().filter(l -> l.outcome() == TcLine.Outcome.NOT_MAPPED
                && !l.record().equals("blank")).toList();
        if (!notMapped.isEmpty()) {
            warnings.add("lines not mapped (see lines for the reasons): " + notMapped.stream()
                    .map(l -> l.line() + " (" + l.record() + ")").collect(Collectors.joining(", ")));
        }
        document.split().filter(split -> !split.complete()).ifPresent(split -> warnings.add(split.describe()
                + "; imported on their own"));
        return warnings;
    }
}
