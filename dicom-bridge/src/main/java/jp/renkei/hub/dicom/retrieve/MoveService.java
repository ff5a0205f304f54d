package jp.renkei.hub.dicom.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.network.DicomNode;
import jp.renkei.hub.core.network.SiteNetworks;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.OutboundAssociation;
import jp.renkei.hub.dicom.net.Pdu;
import jp.renkei.hub.dicom.net.PresentationContext;
import jp.renkei.hub.dicom.store.DicomPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Retrieve service's C-MOVE (PS3.4 C.4.2) on the Study Root and Patient Root models. The destination must be a
 * node registered for the calling facility's VPN site that accepts C-STORE ({@link SiteNetworks}); any other AE
 * title is "move destination unknown" (A801H), whoever it might be. What is sent is exactly what C-GET would send
 * ({@link Retrieval}, {@link InstanceFiles}: the same consent rule, the event number as PatientID of another
 * facility's instances), over an association the hub opens to the destination, one C-STORE at a time with the
 * Move Originator set. A pending response follows every sub-operation; the final one counts completed, failed and
 * warning sub-operations and lists the failed instances. When nothing is left to send — a withheld study or one
 * that is not there, the same answer — the request is "refused: not authorized" and no association is opened.
 * A C-CANCEL-RQ is looked for before each sub-operation: the rest are not sent, the destination association is
 * released and the final response is "cancel" (FE00H) with the counts so far and the remaining ones.
 */
public final class MoveService extends RetrieveService {

    public static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    public static final String PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
    /** Presentation contexts an association may propose (IDs 1-255, odd). */
    private static final int MAX_CONTEXTS = 128;
    private static final Logger log = LoggerFactory.getLogger(MoveService.class);

    private final SiteNetworks networks;
    private final OutboundAssociation.Settings outbound;

    public MoveService(Retrieval retrieval, InstanceFiles files, AuditTrail audit, SiteNetworks networks,
                       OutboundAssociation.Settings outbound) {
        super(Dimse.C_MOVE_RQ, Set.of(STUDY_ROOT_MOVE, PATIENT_ROOT_MOVE), "C-MOVE", retrieval, files, audit);
        this.networks = networks;
        this.outbound = outbound;
    }

    @Override
    protected void serve(Association association, PresentationContext context, Dimse.Command command, DataSet keys)
            throws IOException {
        DicomPeer peer = (DicomPeer) association.peer();
        String destinationAe = command.elements().string(Dimse.MOVE_DESTINATION).map(String::strip).orElse("");
        Optional<DicomNode> destination = networks.storeDestination(peer.facilityId(), destinationAe);
        if (destination.isEmpty()) {
            audited(association, Set.of(), destinationAe, AuditOutcome.DENIED,
                    "refused: '" + destinationAe + "' is not a registered store destination of the facility's site");
            new SubOperations(0).send(association, context, command, Dimse.MOVE_DESTINATION_UNKNOWN,
                    "move destination unknown", null);
            return;
        }
        String to = describe(destination.get());
        Optional<Retrieval.Plan> planned = plan(association, context, command, keys, to);
        if (planned.isEmpty()) {
            return;
        }
        Retrieval.Plan plan = planned.get();
        SubOperations counts = new SubOperations(plan.items().size());
        Association.MoveOriginator originator = new Association.MoveOriginator(association.callingAeTitle(),
                command.messageId());
        OutboundAssociation store;
        try {
            store = OutboundAssociation.open(new InetSocketAddress(destination.get().address(),
                    destination.get().port()), destination.get().aeTitle(), proposals(plan.items()), outbound);
        } catch (IOException e) {
            log.info("C-MOVE to {}: cannot associate: {}", to, e.toString());
            counts.failRemaining(plan.items());
            audited(association, plan.studies(), to, AuditOutcome.FAILED,
                    "the destination could not be associated: " + e.getMessage());
            counts.send(association, context, command, Dimse.UNABLE_TO_PERFORM_SUBOPERATIONS,
                    "move destination unreachable or refused the association", counts.failures());
            return;
        }
        boolean broken = false;
        try {
            for (Retrieval.Item item : plan.items()) {
                if (cancelled(association, command, store)) {
                    break;
                }
                counts.record(subOperation(store, item, originator), item.instance().sopInstanceUid());
                if (counts.remaining() > 0) {
                    counts.send(association, context, command, Dimse.PENDING, null, null);
                }
            }
            store.release();
        } catch (OriginatorFailure e) {
            throw e.getCause();
        } catch (IOException e) {
            log.info("C-MOVE to {}: the destination association failed: {}", to, e.toString());
            store.abort();
            broken = true;
            counts.failRemaining(plan.items());
        }
        // failRemaining leaves nothing remaining: what remains now was cancelled
        boolean cancelled = counts.remaining() > 0;
        audited(association, plan.studies(), to, counts.failed == 0 ? AuditOutcome.SUCCESS
                : AuditOutcome.FAILED, counts.summary() + (cancelled ? ", cancelled" : "")
                + (broken ? "; the destination association failed" : "")
                + (plan.denied() ? "; a named study withheld for want of consent" : ""));
        counts.send(association, context, command, counts.finalStatus(cancelled),
                cancelled ? "cancelled by the peer" : null, counts.failures());
    }

    /**
     * Whether the originator cancelled the C-MOVE. Its protocol error ends the destination association too and
     * goes up as the originator's (the association is aborted), not as a failed destination.
     */
    private static boolean cancelled(Association association, Dimse.Command command, OutboundAssociation store)
            throws OriginatorFailure {
        try {
            return association.cancelArrived(command.messageId());
        } catch (IOException e) {
            store.abort();
            throw new OriginatorFailure(e);
        }
    }

    /** The originating association failed while the sub-operations ran. */
    private static final class OriginatorFailure extends IOException {
        OriginatorFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /**
     * One context per SOP class and stored syntax: an encapsulated syntax is offered alone (pixel data is never
     * transcoded), an uncompressed one with the other uncompressed syntax as the alternative.
     */
    private static List<Pdu.ProposedContext> proposals(List<Retrieval.Item> items) throws IOException {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        for (Retrieval.Item item : items) {
            TransferSyntax stored = InstanceFiles.syntaxOf(item);
            List<String> syntaxes = stored.encapsulated() ? List.of(stored.uid()) : List.of(stored.uid(),
                    (stored == TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN
                            : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).uid());
            wanted.putIfAbsent(item.instance().sopClassUid() + " " + stored.uid(), syntaxes);
        }
        List<Pdu.ProposedContext> proposed = new ArrayList<>();
        int id = 1;
        for (Map.Entry<String, List<String>> entry : wanted.entrySet()) {
            if (proposed.size() == MAX_CONTEXTS) {
                break; // the instances of the rest fail their sub-operation: no context
            }
            proposed.add(new Pdu.ProposedContext(id, entry.getKey().substring(0, entry.getKey().indexOf(' ')),
                    entry.getValue()));
            id += 2;
        }
        return proposed;
    }

    /** One C-STORE to the destination; the status it answered, or a failure status of the hub's own. */
    private int subOperation(OutboundAssociation store, Retrieval.Item item, Association.MoveOriginator originator)
            throws IOException {
        TransferSyntax stored = InstanceFiles.syntaxOf(item);
        Optional<PresentationContext> context = store.context(item.instance().sopClassUid(), stored);
        if (context.isEmpty() || !SubOperations.sendable(item, stored, context.get().transferSyntax(), "C-MOVE")) {
            return Dimse.SOP_CLASS_NOT_SUPPORTED;
        }
        try (InputStream data = files.dataSet(item, context.get().transferSyntax())) {
            return store.store(context.get(), item.instance().sopInstanceUid(), data, originator);
        }
    }

    private static String describe(DicomNode node) {
        return node.aeTitle() + " (" + node.host() + ":" + node.port() + ")";
    }
}
