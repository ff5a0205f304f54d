package jp.renkei.hub.gateway.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import org.springframework.stereotype.Service;

/**
 * Runs quarantined inputs through their pipeline again (after a mapping fix) with the {@link QuarantineSource} of
 * their kind; an input that now goes through resolves its item, one that fails again stays held with the new
 * reason. Each re-processing is audited with its result.
 */
@Service
public class QuarantineReprocessing {

    /** The result for one item. */
    public record Reprocessed(UUID id, String status, IngestResult result) {
    }

    private final Quarantine quarantine;
    private final Map<String, QuarantineSource> sources;
    private final AuditTrail audit;

    public QuarantineReprocessing(Quarantine quarantine, List<QuarantineSource> sources, AuditTrail audit) {
        this.quarantine = quarantine;
        this.sources = sources.stream().collect(Collectors.toMap(QuarantineSource::kind, Function.identity()));
        this.audit = audit;
    }

    /** Re-processes a held item; an item already resolved is returned as it is. */
    public Reprocessed reprocess(QuarantinedItem item, HubPrincipal actor) {
        if (!item.held()) {
            return new Reprocessed(item.id(), item.status(), null);
        }
        QuarantineSource source = sources.get(item.sourceKind());
        if (source == null) {
            throw new IllegalStateException("no pipeline re-processes inputs of kind " + item.sourceKind());
        }
        IngestResult result = source.reprocess(item.facilityId(), item.source(), quarantine.raw(item.id()));
        if (result.accepted()) {
            quarantine.resolve(item.id());
        }
        String status = result.accepted() ? Quarantine.RESOLVED : Quarantine.HELD;
        audit.record(new AuditEntry(actor.kind().name(), actor.id(), actor.actingFacilityId(),
                actor.roles().stream().map(HubRole::name).collect(Collectors.toSet()), null, AuditAction.EXECUTE,
                "gateway quarantine " + item.id() + " (" + item.source() + ")",
                result.accepted() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, 0, null, null,
                "re-processed: " + result.status() + (result.reason() == null ? "" : " - " + result.reason())));
        return new Reprocessed(item.id(), status, result);
    }

    /** Re-processes every held item of the facility, oldest first. */
    public List<Reprocessed> reprocessAll(String facilityId, HubPrincipal actor) {
        List<QuarantinedItem> held = new ArrayList<>(quarantine.list(facilityId, Quarantine.HELD, 10_000));
        Collections.reverse(held);
        return held.stream().map(item -> reprocess(item, actor)).toList();
    }
}
