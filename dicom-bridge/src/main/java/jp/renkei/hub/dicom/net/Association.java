package jp.renkei.hub.dicom.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomWriter;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.HubUids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One association accepted by the hub (PS3.8 9, the acceptor's side of the state machine): negotiation,
 * then DIMSE messages — reassembled from PDV fragments, their data sets streamed to the service as they
 * arrive — until release, abort, a protocol error or a timeout. Requests are served one at a time, in order
 * (no asynchronous operations are negotiated).
 */
public final class Association {

    private static final Logger log = LoggerFactory.getLogger(Association.class);
    static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    /** Used when the peer sets no limit on what it receives. */
    private static final int DEFAULT_SEND_LENGTH = 64 * 1024;
    private static final int MAX_COMMAND_LENGTH = 64 * 1024;

    private final Socket socket;
    private final DicomServerSettings settings;
    private final AssociationPolicy policy;
    private final List<DimseService> services;
    private final InputStream in;
    private final OutputStream out;
    private final Deque<Pdu.Pdv> pending = new ArrayDeque<>();
    private final Map<Integer, PresentationContext> contexts = new HashMap<>();
    /** SOP classes for which the requestor took the SCP role: the hub may send it C-STOREs of them. */
    private final Set<String> peerScpClasses = new HashSet<>();
    /** Message IDs of requests the peer asked to cancel while the hub was waiting for a sub-operation. */
    private final Set<Integer> cancelled = new HashSet<>();
    private int nextMessageId = 1;
    private String callingAeTitle;
    private String calledAeTitle;
    private Object peer;
    private int sendLength;

    Association(Socket socket, DicomServerSettings settings, AssociationPolicy policy, List<DimseService> services)
            throws IOException {
        this.socket = socket;
        this.settings = settings;
        this.policy = policy;
        this.services = services;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    public String callingAeTitle() {
        return callingAeTitle;
    }

    public String calledAeTitle() {
        return calledAeTitle;
    }

    public InetAddress peerAddress() {
        return socket.getInetAddress();
    }

    /** What the policy attached on admission (for the hub: the calling AE's facility). */
    public Object peer() {
        return peer;
    }

    /** Runs the association to its end; never throws. */
    void serve(boolean overCapacity) {
        boolean accepted = false;
        boolean released = false;
        try {
            socket.setSoTimeout((int) settings.associationTimeout().toMillis());
            if (socket instanceof SSLSocket tls) {
                // The handshake is part of the time allowed to ask for the association.
                tls.startHandshake();
            }
            Pdu first = PduCodec.read(in, settings.maxPduLength());
            if (!(first instanceof Pdu.AssociateRequest request)) {
                if (first != null) {
                    abort(Pdu.Abort.UNEXPECTED_PDU);
                }
                return;
            }
            callingAeTitle = request.callingAeTitle();
            calledAeTitle = request.calledAeTitle();
            Optional<Rejection> rejection = overCapacity
                    ? Optional.of(Rejection.localLimitExceeded("the hub serves " + settings.maxAssociations()
                            + " associations at most"))
                    : admit(request);
            if (rejection.isPresent()) {
                log.info("DICOM association from {} ({} -> {}) rejected: {}", socket.getInetAddress().getHostAddress(),
                        callingAeTitle, calledAeTitle, rejection.get().explanation());
                PduCodec.write(out, rejection.get().toPdu());
                return;
            }
            accepted = true;
            PduCodec.write(out, accept(request));
            socket.setSoTimeout((int) settings.idleTimeout().toMillis());
            released = messages();
        } catch (SocketTimeoutException e) {
            log.info("DICOM association {} -> {} timed out; aborting", callingAeTitle, calledAeTitle);
            abort(Pdu.Abort.NOT_SPECIFIED);
        } catch (SSLException e) {
            // No TLS session, so no DICOM to abort: the connection is just closed.
            log.warn("DICOM TLS connection from {} failed: {}", socket.getInetAddress().getHostAddress(),
                    e.getMessage());
        } catch (PduCodec.PduException e) {
            log.warn("DICOM association {} -> {} aborted: {}", callingAeTitle, calledAeTitle, e.getMessage());
            abort(e.abortReason());
        } catch (IOException | RuntimeException e) {
            log.warn("DICOM association {} -> {} failed: {}", callingAeTitle, calledAeTitle, e.toString());
            abort(Pdu.Abort.NOT_SPECIFIED);
        } finally {
            close();
            if (accepted && !released) {
                ending(false);
            }
        }
    }

    private Optional<Rejection> admit(Pdu.AssociateRequest request) {
        if (!APPLICATION_CONTEXT.equals(request.applicationContext())) {
            return Optional.of(Rejection.applicationContextNotSupported("application context "
                    + request.applicationContext() + " is not DICOM's"));
        }
        AssociationPolicy.Admission admission = policy.admit(new AssociationRequester(callingAeTitle, calledAeTitle,
                socket.getInetAddress(), clientCertificate()));
        if (!admission.accepted()) {
            return Optional.of(admission.rejection());
        }
        peer = admission.peer();
        return Optional.empty();
    }

    /** The client certificate the TLS handshake verified; empty over plain TCP. */
    private Optional<X509Certificate> clientCertificate() {
        if (!(socket instanceof SSLSocket tls)) {
            return Optional.empty();
        }
        try {
            return Optional.of((X509Certificate) tls.getSession().getPeerCertificates()[0]);
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private Pdu.AssociateAccept accept(Pdu.AssociateRequest request) {
        long peerMax = request.userInformation().maxPduLength();
        sendLength = (int) (peerMax == 0 ? DEFAULT_SEND_LENGTH : Math.min(peerMax, settings.maxPduLength()));
        List<Pdu.AcceptedContext> answers = new ArrayList<>();
        for (Pdu.ProposedContext proposed : request.contexts()) {
            Optional<DimseService> service = services.stream().filter(s -> s.provides(proposed.abstractSyntax()))
                    .findFirst();
            if (service.isEmpty()) {
                answers.add(new Pdu.AcceptedContext(proposed.id(),
                        Pdu.AcceptedContext.ABSTRACT_SYNTAX_NOT_SUPPORTED, null));
                continue;
            }
            // The proposer's order is kept: the hub stores an instance in the syntax it was sent in.
            Optional<TransferSyntax> syntax = proposed.transferSyntaxes().stream().map(TransferSyntax::of)
                    .flatMap(Optional::stream).filter(ts -> service.get().accepts(proposed.abstractSyntax(), ts))
                    .findFirst();
            if (syntax.isEmpty()) {
                answers.add(new Pdu.AcceptedContext(proposed.id(),
                        Pdu.AcceptedContext.TRANSFER_SYNTAXES_NOT_SUPPORTED, null));
                continue;
            }
            contexts.put(proposed.id(), new PresentationContext(proposed.id(), proposed.abstractSyntax(),
                    syntax.get(), service.get()));
            answers.add(new Pdu.AcceptedContext(proposed.id(), Pdu.AcceptedContext.ACCEPTANCE, syntax.get().uid()));
        }
        // Proposed roles are accepted as proposed for the SOP classes of accepted contexts (PS3.7 D.3.3.4).
        List<Pdu.RoleSelection> roles = request.userInformation().roleSelections().stream()
                .filter(r -> contexts.values().stream().anyMatch(c -> c.abstractSyntax().equals(r.sopClassUid())))
                .toList();
        roles.stream().filter(Pdu.RoleSelection::scp).forEach(r -> peerScpClasses.add(r.sopClassUid()));
        return new Pdu.AssociateAccept(request.calledAeTitle(), request.callingAeTitle(), APPLICATION_CONTEXT,
                answers, new Pdu.UserInformation(settings.maxPduLength(), HubUids.IMPLEMENTATION_CLASS_UID,
                        HubUids.IMPLEMENTATION_VERSION_NAME, roles));
    }

    /** Serves messages until release (true) or the peer's abort or end of stream (false). */
    private boolean messages() throws IOException {
        while (true) {
            if (pending.isEmpty()) {
                Pdu pdu = PduCodec.read(in, settings.maxPduLength());
                if (pdu == null || pdu instanceof Pdu.Abort) {
                    return false;
                }
                if (pdu instanceof Pdu.ReleaseRequest) {
                    ending(true);
                    PduCodec.write(out, new Pdu.ReleaseResponse());
                    return true;
                }
                if (!(pdu instanceof Pdu.PData data)) {
                    throw new PduCodec.PduException("unexpected " + pdu.getClass().getSimpleName()
                            + " during the association", Pdu.Abort.UNEXPECTED_PDU);
                }
                pending.addAll(data.values());
            }
            message();
        }
    }

    private void message() throws IOException {
        Pdu.Pdv first = pending.poll();
        PresentationContext context = contextOf(first);
        Dimse.Command command = command(first);
        DataSetStream data = command.hasDataSet() ? new DataSetStream(first.contextId()) : null;
        if (command.field() == Dimse.C_CANCEL_RQ) {
            // Requests are served one at a time, so nothing is pending that a cancel could stop.
            return;
        }
        context.service().handle(this, context, command, data);
        if (data != null) {
            data.drain();
        }
    }

    private PresentationContext contextOf(Pdu.Pdv first) throws PduCodec.PduException {
        if (!first.command()) {
            throw new PduCodec.PduException("a data-set fragment arrived without its command",
                    Pdu.Abort.UNEXPECTED_PDU);
        }
        PresentationContext context = contexts.get(first.contextId());
        if (context == null) {
            throw new PduCodec.PduException("presentation context " + first.contextId() + " was not accepted",
                    Pdu.Abort.INVALID_PARAMETER);
        }
        return context;
    }

    /** Reassembles and decodes the command that starts with {@code first}. */
    private Dimse.Command command(Pdu.Pdv first) throws IOException {
        ByteArrayOutputStream commandBytes = new ByteArrayOutputStream();
        commandBytes.writeBytes(first.data());
        Pdu.Pdv fragment = first;
        while (!fragment.last()) {
            fragment = nextPdv(first.contextId(), true);
            commandBytes.writeBytes(fragment.data());
            if (commandBytes.size() > MAX_COMMAND_LENGTH) {
                throw new PduCodec.PduException("command set longer than " + MAX_COMMAND_LENGTH + " bytes",
                        Pdu.Abort.INVALID_PARAMETER);
            }
        }
        try {
            return Dimse.decode(commandBytes.toByteArray());
        } catch (IOException e) {
            throw new PduCodec.PduException("unreadable command set: " + e.getMessage(), Pdu.Abort.INVALID_PARAMETER);
        }
    }

    /**
     * An accepted context on which the hub may send a C-STORE of {@code sopClass} to the peer (the peer took the
     * SCP role for it): the one in {@code preferred} syntax if there is one, else any other.
     */
    public Optional<PresentationContext> storageDestination(String sopClass, TransferSyntax preferred) {
        if (!peerScpClasses.contains(sopClass)) {
            return Optional.empty();
        }
        List<PresentationContext> candidates = contexts.values().stream()
                .filter(c -> c.abstractSyntax().equals(sopClass)).toList();
        return candidates.stream().filter(c -> c.transferSyntax() == preferred).findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    /**
     * Sends a C-STORE-RQ as a sub-operation of the request being served: the data set is streamed from
     * {@code dataSet} (already encoded in the context's transfer syntax) and the hub waits for the peer's
     * C-STORE-RSP. A C-CANCEL-RQ arriving meanwhile is remembered (see {@link #cancelRequested}).
     *
     * @param moveOriginator the AE title and message ID of the C-MOVE this serves, or null
     * @return the status of the peer's response
     */
    public int storeSubOperation(PresentationContext context, String sopInstance, InputStream dataSet,
                                 MoveOriginator moveOriginator) throws IOException {
        int messageId = nextMessageId++ & 0xFFFF;
        DataSet command = Dimse.storeRequest(context.abstractSyntax(), messageId, sopInstance, moveOriginator);
        sendFragments(context.id(), true, Dimse.encode(command));
        sendFragments(context.id(), dataSet);
        out.flush();
        while (true) {
            if (pending.isEmpty()) {
                readPData("while a C-STORE sub-operation was pending");
            }
            Pdu.Pdv first = pending.poll();
            contextOf(first);
            Dimse.Command response = command(first);
            if (response.hasDataSet()) {
                throw new PduCodec.PduException("a data set came with a response or cancel",
                        Pdu.Abort.UNEXPECTED_PDU);
            }
            if (response.field() == Dimse.C_CANCEL_RQ) {
                cancelled.add(response.elements().integer(Dimse.MESSAGE_ID_BEING_RESPONDED_TO).orElse(-1));
                continue;
            }
            int respondedTo = response.elements().integer(Dimse.MESSAGE_ID_BEING_RESPONDED_TO).orElse(-1);
            if (response.field() != (Dimse.C_STORE_RQ | Dimse.RESPONSE) || respondedTo != messageId) {
                throw new PduCodec.PduException("expected the C-STORE-RSP to message " + messageId + ", got command "
                        + Integer.toHexString(response.field()), Pdu.Abort.UNEXPECTED_PDU);
            }
            return response.elements().integer(Dimse.STATUS).orElse(Dimse.CANNOT_UNDERSTAND);
        }
    }

    /** The AE title and message ID of a C-MOVE request, carried in the C-STOREs it causes. */
    public record MoveOriginator(String aeTitle, int messageId) {
    }

    /** Reads the next PDU, which must be P-DATA, into {@code pending}; {@code during} says what was going on. */
    private void readPData(String during) throws IOException {
        Pdu pdu = PduCodec.read(in, settings.maxPduLength());
        if (!(pdu instanceof Pdu.PData data)) {
            throw new PduCodec.PduException("the peer sent " + (pdu == null ? "end of stream"
                    : pdu.getClass().getSimpleName()) + " " + during, Pdu.Abort.UNEXPECTED_PDU);
        }
        pending.addAll(data.values());
    }

    /** Whether the peer sent a C-CANCEL-RQ for {@code messageId} during its sub-operations. */
    public boolean cancelRequested(int messageId) {
        return cancelled.contains(messageId);
    }

    /**
     * Whether the peer has sent a C-CANCEL-RQ for {@code messageId}, reading without waiting what has arrived on
     * this association: a C-MOVE's sub-operations travel on another one, so nothing else reads this one while they
     * run. The hub negotiates no asynchronous operations, so a C-CANCEL-RQ is all the peer may send meanwhile.
     */
    public boolean cancelArrived(int messageId) throws IOException {
        while (!pending.isEmpty() || in.available() > 0) {
            if (pending.isEmpty()) {
                readPData("while a request was being served");
            }
            Pdu.Pdv first = pending.poll();
            contextOf(first);
            Dimse.Command request = command(first);
            if (request.field() != Dimse.C_CANCEL_RQ || request.hasDataSet()) {
                throw new PduCodec.PduException("only a C-CANCEL-RQ may arrive while a request is being served, got"
                        + " command " + Integer.toHexString(request.field()), Pdu.Abort.UNEXPECTED_PDU);
            }
            cancelled.add(request.elements().integer(Dimse.MESSAGE_ID_BEING_RESPONDED_TO).orElse(-1));
        }
        return cancelled.contains(messageId);
    }

    /** The next PDV, which must continue the message on {@code contextId} (command or data set). */
    private Pdu.Pdv nextPdv(int contextId, boolean command) throws IOException {
        if (pending.isEmpty()) {
            readPData("inside a message");
        }
        Pdu.Pdv pdv = pending.poll();
        if (pdv.contextId() != contextId || pdv.command() != command) {
            throw new PduCodec.PduException("fragments of different messages are interleaved",
                    Pdu.Abort.UNEXPECTED_PDU);
        }
        return pdv;
    }

    /** A request's data set as it arrives, fragment by fragment. */
    private final class DataSetStream extends InputStream {
        private final int contextId;
        private byte[] current = new byte[0];
        private int offset;
        private boolean last;

        DataSetStream(int contextId) {
            this.contextId = contextId;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int off, int length) throws IOException {
            while (offset == current.length) {
                if (last) {
                    return -1;
                }
                Pdu.Pdv pdv = nextPdv(contextId, false);
                current = pdv.data();
                offset = 0;
                last = pdv.last();
            }
            int n = Math.min(length, current.length - offset);
            System.arraycopy(current, offset, buffer, off, n);
            offset += n;
            return n;
        }

        void drain() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard what the service did not read
            }
        }
    }

    /** Sends a DIMSE message: the command, then the data set (if any) encoded in the context's syntax. */
    public void send(PresentationContext context, DataSet command, DataSet dataSet) throws IOException {
        sendFragments(context.id(), true, Dimse.encode(command));
        if (dataSet != null) {
            sendFragments(context.id(), false, DicomWriter.encode(dataSet, context.transferSyntax().explicitVr()));
        }
        out.flush();
    }

    /** Sends the response to {@code command}; {@code identifier} is C-FIND's pending match, else null. */
    public void respond(PresentationContext context, Dimse.Command command, int status, String comment,
                        DataSet identifier) throws IOException {
        send(context, Dimse.response(command, status, comment, identifier != null), identifier);
    }

    private void sendFragments(int contextId, InputStream dataSet) throws IOException {
        Fragments.send(out, sendLength, contextId, dataSet);
    }

    private void sendFragments(int contextId, boolean command, byte[] bytes) throws IOException {
        Fragments.send(out, sendLength, contextId, command, bytes);
    }

    private void ending(boolean released) {
        try {
            policy.ending(this, released);
        } catch (RuntimeException e) {
            log.error("Ending the DICOM association of {} failed", callingAeTitle, e);
        }
    }

    private void abort(int reason) {
        try {
            PduCodec.write(out, new Pdu.Abort(Pdu.Abort.SOURCE_PROVIDER, reason));
        } catch (IOException e) {
            // The connection is already gone.
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
