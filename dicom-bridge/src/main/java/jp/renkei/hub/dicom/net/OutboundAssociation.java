package jp.renkei.hub.dicom.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.file.HubUids;

/**
 * An association the hub requests (PS3.8 9, the requestor's side), for C-STORE only: the C-MOVE sub-operations to
 * a registered destination. It proposes the contexts it needs, sends one C-STORE at a time and waits for its
 * response, and releases at the end; anything else the peer sends ends it.
 */
public final class OutboundAssociation implements Closeable {

    /** How the hub requests associations: its AE title, its receive limit and how long it waits. */
    public record Settings(String callingAeTitle, int maxPduLength, Duration connectTimeout, Duration responseTimeout) {
    }

    /** The destination refused the association, aborted it, or broke the protocol while it was being set up. */
    public static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private static final int DEFAULT_SEND_LENGTH = 64 * 1024;

    private final Socket socket;
    private final Settings settings;
    private final InputStream in;
    private final OutputStream out;
    private final List<PresentationContext> accepted = new ArrayList<>();
    private final Deque<Pdu.Pdv> pending = new ArrayDeque<>();
    private int sendLength;
    private int nextMessageId = 1;

    private OutboundAssociation(Socket socket, Settings settings) throws IOException {
        this.socket = socket;
        this.settings = settings;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Connects and negotiates; the contexts the peer accepted are then available through {@link #context}. */
    public static OutboundAssociation open(InetSocketAddress address, String calledAeTitle,
                                           List<Pdu.ProposedContext> proposed, Settings settings) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) settings.connectTimeout().toMillis());
            socket.setSoTimeout((int) settings.responseTimeout().toMillis());
            socket.setTcpNoDelay(true);
            OutboundAssociation association = new OutboundAssociation(socket, settings);
            association.negotiate(calledAeTitle, proposed);
            return association;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void negotiate(String calledAeTitle, List<Pdu.ProposedContext> proposed) throws IOException {
        PduCodec.write(out, new Pdu.AssociateRequest(calledAeTitle, settings.callingAeTitle(),
                Association.APPLICATION_CONTEXT, proposed, new Pdu.UserInformation(settings.maxPduLength(),
                HubUids.IMPLEMENTATION_CLASS_UID, HubUids.IMPLEMENTATION_VERSION_NAME)));
        Pdu answer = PduCodec.read(in, settings.maxPduLength());
        if (answer instanceof Pdu.AssociateReject rj) {
            throw new Refused("association rejected (result " + rj.result() + ", source " + rj.source()
                    + ", reason " + rj.reason() + ")");
        }
        if (!(answer instanceof Pdu.AssociateAccept ac)) {
            throw new Refused("the destination answered the association request with "
                    + (answer == null ? "end of stream" : answer.getClass().getSimpleName()));
        }
        long peerMax = ac.userInformation().maxPduLength();
        sendLength = (int) (peerMax == 0 ? DEFAULT_SEND_LENGTH : Math.min(peerMax, settings.maxPduLength()));
        for (Pdu.AcceptedContext answered : ac.contexts()) {
            if (!answered.accepted()) {
                continue;
            }
            Optional<TransferSyntax> syntax = TransferSyntax.of(answered.transferSyntax());
            proposed.stream().filter(p -> p.id() == answered.id()).findFirst()
                    .filter(p -> syntax.isPresent() && p.transferSyntaxes().contains(syntax.get().uid()))
                    .ifPresent(p -> accepted.add(new PresentationContext(p.id(), p.abstractSyntax(), syntax.get(),
                            null)));
        }
    }

    /** An accepted context for {@code sopClass}: the one in {@code preferred} syntax if there is one, else any. */
    public Optional<PresentationContext> context(String sopClass, TransferSyntax preferred) {
        List<PresentationContext> candidates = accepted.stream().filter(c -> c.abstractSyntax().equals(sopClass))
                .toList();
        return candidates.stream().filter(c -> c.transferSyntax() == preferred).findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    /**
     * Sends one C-STORE-RQ, the data set streamed from {@code dataSet} (encoded in the context's syntax), and waits
     * for its response.
     *
     * @return the status the destination answered
     */
    public int store(PresentationContext context, String sopInstance, InputStream dataSet,
                     Association.MoveOriginator moveOriginator) throws IOException {
        int messageId = nextMessageId++ & 0xFFFF;
        Fragments.send(out, sendLength, context.id(), true,
                Dimse.encode(Dimse.storeRequest(context.abstractSyntax(), messageId, sopInstance, moveOriginator)));
        Fragments.send(out, sendLength, context.id(), dataSet);
        out.flush();
        Dimse.Command response = response();
        int respondedTo = response.elements().integer(Dimse.MESSAGE_ID_BEING_RESPONDED_TO).orElse(-1);
        if (response.field() != (Dimse.C_STORE_RQ | Dimse.RESPONSE) || respondedTo != messageId) {
            throw new PduCodec.PduException("expected the C-STORE-RSP to message " + messageId + ", got command "
                    + Integer.toHexString(response.field()), Pdu.Abort.UNEXPECTED_PDU);
        }
        return response.elements().integer(Dimse.STATUS).orElse(Dimse.CANNOT_UNDERSTAND);
    }

    /** The next command the peer sends: a response, which carries no data set. */
    private Dimse.Command response() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            if (pending.isEmpty()) {
                Pdu pdu = PduCodec.read(in, settings.maxPduLength());
                if (!(pdu instanceof Pdu.PData data)) {
                    throw new PduCodec.PduException("the destination sent " + (pdu == null ? "end of stream"
                            : pdu.getClass().getSimpleName()) + " while a C-STORE was pending",
                            Pdu.Abort.UNEXPECTED_PDU);
                }
                pending.addAll(data.values());
            }
            Pdu.Pdv pdv = pending.poll();
            if (!pdv.command()) {
                throw new PduCodec.PduException("a data set came with a C-STORE response", Pdu.Abort.UNEXPECTED_PDU);
            }
            bytes.writeBytes(pdv.data());
            if (bytes.size() > 64 * 1024) {
                throw new PduCodec.PduException("response command longer than 64 KiB", Pdu.Abort.INVALID_PARAMETER);
            }
            if (pdv.last()) {
                return Dimse.decode(bytes.toByteArray());
            }
        }
    }

    /** Releases the association (A-RELEASE-RQ, waiting for the RP) and closes the connection. */
    public void release() throws IOException {
        try {
            PduCodec.write(out, new Pdu.ReleaseRequest());
            Pdu answer = PduCodec.read(in, settings.maxPduLength());
            if (!(answer instanceof Pdu.ReleaseResponse)) {
                throw new PduCodec.PduException("the destination answered the release with "
                        + (answer == null ? "end of stream" : answer.getClass().getSimpleName()),
                        Pdu.Abort.UNEXPECTED_PDU);
            }
        } finally {
            close();
        }
    }

    /** Aborts (A-ABORT) and closes; for failures. */
    public void abort() {
        try {
            PduCodec.write(out, new Pdu.Abort(Pdu.Abort.SOURCE_USER, Pdu.Abort.NOT_SPECIFIED));
        } catch (IOException e) {
            // the connection is already gone
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
