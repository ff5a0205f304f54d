package jp.renkei.hub.gateway.ss2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jp.renkei.hub.core.monitoring.HubMeters;
import jp.renkei.hub.core.monitoring.IngestChannel;
import jp.renkei.hub.gateway.hl7.Hl7Message;
import jp.renkei.hub.gateway.hl7.Hl7Parser;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.IngestResult;
import jp.renkei.hub.gateway.ingest.IngestStore;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import jp.renkei.hub.gateway.ingest.Quarantine;
import jp.renkei.hub.gateway.ingest.SourceRef;
import jp.renkei.hub.gateway.ingest.StoreOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One SS-MIX2 message from bytes to stored records: decode ISO-2022-JP, parse (HAPI), identify (from the file
 * name or the message), map by data type, store. Whatever fails on the way is quarantined with its reason and
 * location, and nothing of it is stored. {@code alsoInTransaction} (a file's ledger row) commits with the outcome:
 * with the stored record, the quarantined item, or alone for a skipped input.
 */
@Component
public class Ss2Pipeline {

    /** Says what a parsed message is: from its file name and place in the storage, or from its content. */
    @FunctionalInterface
    public interface Identification {
        Ss2Input identify(Hl7Message message, List<String> warnings) throws IngestFailure;
    }

    /** Measured time of the stages (nanoseconds, summed over calls) and FHIR resources written, for benchmarks. */
    public record Timing(long parseMapNanos, long storeNanos, long resourcesWritten) {
    }

    private final HubMeters meters;
    private final IngestStore store;
    private final Quarantine quarantine;
    private final TransactionTemplate transactions;
    private final java.util.concurrent.atomic.LongAdder parseMapNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder storeNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder resourcesWritten = new java.util.concurrent.atomic.LongAdder();

    public Ss2Pipeline(IngestStore store, Quarantine quarantine, PlatformTransactionManager transactionManager,
                       HubMeters meters) {
        this.meters = meters;
        this.store = store;
        this.quarantine = quarantine;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * @param alsoInTransaction called inside the transaction that makes the outcome durable, with
     *                          {@code STORED}, {@code SKIPPED} or {@code QUARANTINED}
     */
    public IngestResult process(String facilityId, SourceRef source, byte[] raw, Identification identification,
                                Consumer<String> alsoInTransaction) {
        IngestResult result = processUncounted(facilityId, source, raw, identification, alsoInTransaction);
        // a re-processed quarantined input counts again, on the channel it first came by
        meters.ingest(SourceRef.HL7_MESSAGE.equals(source.kind()) ? IngestChannel.MLLP : IngestChannel.SS_MIX2,
                result.meterOutcome());
        return result;
    }

    private IngestResult processUncounted(String facilityId, SourceRef source, byte[] raw,
                                          Identification identification, Consumer<String> alsoInTransaction) {
        long started = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        try {
            Hl7Message message = Hl7Parser.parse(Iso2022Jp.decode(raw));
            Ss2Input input = identification.identify(message, warnings);
            Optional<Ss2Mapper> mapper = Ss2Mappers.of(input.dataType());
            if (mapper.isEmpty()) {
                parseMapNanos.add(System.nanoTime() - started);
                transactions.executeWithoutResult(status -> alsoInTransaction.accept("SKIPPED"));
                return IngestResult.skipped(Ss2Mappers.skipReason(input.dataType()));
            }
            List<Resource> resources = map(mapper.get(), input, warnings);
            MappedRecord record = new MappedRecord(facilityId, input.localPatientId(), input.recordKey(),
                    input.version(), input.cancelled(), resources, source);
            long mapped = System.nanoTime();
            parseMapNanos.add(mapped - started);
            StoreOutcome outcome = store.store(record, () -> alsoInTransaction.accept("STORED"));
            storeNanos.add(System.nanoTime() - mapped);
            if (outcome != StoreOutcome.UNCHANGED && outcome != StoreOutcome.OUTDATED) {
                resourcesWritten.add(resources.size());
            }
            return IngestResult.stored(List.of(outcome), warnings);
        } catch (IngestFailure failure) {
            UUID id = quarantine.hold(facilityId, source, raw, failure, () -> alsoInTransaction.accept("QUARANTINED"));
            return IngestResult.quarantined(failure, id);
        }
    }

    /** Maps a message and reports the segments with content the mapping leaves out: nothing silently dropped. */
    static List<Resource> map(Ss2Mapper mapper, Ss2Input input, List<String> warnings) throws IngestFailure {
        List<Resource> resources = mapper.map(input);
        warnings.addAll(Ss2Coverage.notMapped(input.dataType(), input.message()));
        return resources;
    }

    public Timing timing() {
        return new Timing(parseMapNanos.sum(), storeNanos.sum(), resourcesWritten.sum());
    }
}
