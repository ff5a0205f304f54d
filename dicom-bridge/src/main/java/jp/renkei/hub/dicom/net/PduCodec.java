package jp.renkei.hub.dicom.net;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes and decodes PDUs (PS3.8 9.3; big endian). Every length read is checked against the PDU that contains
 * it and against a maximum, so a hostile or broken peer gets a {@link PduException}, never an oversized buffer.
 */
public final class PduCodec {

    private static final int ASSOCIATE_RQ = 0x01;
    private static final int ASSOCIATE_AC = 0x02;
    private static final int ASSOCIATE_RJ = 0x03;
    private static final int P_DATA = 0x04;
    private static final int RELEASE_RQ = 0x05;
    private static final int RELEASE_RP = 0x06;
    private static final int ABORT = 0x07;

    private static final int APPLICATION_CONTEXT = 0x10;
    private static final int CONTEXT_RQ = 0x20;
    private static final int CONTEXT_AC = 0x21;
    private static final int ABSTRACT_SYNTAX = 0x30;
    private static final int TRANSFER_SYNTAX = 0x40;
    private static final int USER_INFORMATION = 0x50;
    private static final int MAX_LENGTH = 0x51;
    private static final int IMPLEMENTATION_CLASS_UID = 0x52;
    private static final int ROLE_SELECTION = 0x54;
    private static final int IMPLEMENTATION_VERSION_NAME = 0x55;

    /** Association PDUs carry at most a few hundred contexts: anything bigger is not a real request. */
    private static final int MAX_ASSOCIATION_PDU = 256 * 1024;

    /** A peer broke the protocol: malformed or unexpected PDU. {@code abortReason} is what to tell it. */
    public static final class PduException extends IOException {
        private final int abortReason;

        PduException(String message, int abortReason) {
            super(message);
            this.abortReason = abortReason;
        }

        public int abortReason() {
            return abortReason;
        }
    }

    /**
     * Reads one PDU; {@code maxPDataLength} is the largest P-DATA-TF this side announced it can receive.
     * Returns null at a clean end of stream before a PDU begins.
     */
    public static Pdu read(InputStream in, long maxPDataLength) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int type = data.read();
        if (type < 0) {
            return null;
        }
        data.readUnsignedByte();
        long length = data.readInt() & 0xFFFFFFFFL;
        long limit = type == P_DATA ? maxPDataLength : MAX_ASSOCIATION_PDU;
        if (type < ASSOCIATE_RQ || type > ABORT) {
            throw new PduException("unrecognized PDU type " + type, Pdu.Abort.UNRECOGNIZED_PDU);
        }
        if (length > limit) {
            throw new PduException("PDU type " + type + " of " + length + " bytes exceeds the limit of " + limit,
                    Pdu.Abort.INVALID_PARAMETER);
        }
        byte[] body = new byte[(int) length];
        try {
            data.readFully(body);
        } catch (EOFException e) {
            throw new PduException("connection closed inside a PDU of " + length + " bytes", Pdu.Abort.NOT_SPECIFIED);
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        try {
            return switch (type) {
                case ASSOCIATE_RQ -> readAssociateRequest(buffer);
                case ASSOCIATE_AC -> readAssociateAccept(buffer);
                case ASSOCIATE_RJ -> {
                    buffer.get();
                    yield new Pdu.AssociateReject(buffer.get() & 0xFF, buffer.get() & 0xFF, buffer.get() & 0xFF);
                }
                case P_DATA -> readPData(buffer);
                case RELEASE_RQ -> new Pdu.ReleaseRequest();
                case RELEASE_RP -> new Pdu.ReleaseResponse();
                default -> {
                    buffer.getShort();
                    yield new Pdu.Abort(buffer.get() & 0xFF, buffer.get() & 0xFF);
                }
            };
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new PduException("malformed PDU type " + type + ": an item runs past its PDU",
                    Pdu.Abort.INVALID_PARAMETER);
        }
    }

    private static Pdu.AssociateRequest readAssociateRequest(ByteBuffer buffer) throws PduException {
        Header header = header(buffer);
        String applicationContext = null;
        List<Pdu.ProposedContext> contexts = new ArrayList<>();
        Pdu.UserInformation user = new Pdu.UserInformation(0, null, null);
        while (buffer.hasRemaining()) {
            int itemType = buffer.get() & 0xFF;
            buffer.get();
            ByteBuffer item = slice(buffer, buffer.getShort() & 0xFFFF);
            switch (itemType) {
                case APPLICATION_CONTEXT -> applicationContext = string(item, item.remaining());
                case CONTEXT_RQ -> contexts.add(proposedContext(item));
                case USER_INFORMATION -> user = userInformation(item);
                default -> {
                    // Items this side does not know are skipped (PS3.8 9.3.1).
                }
            }
        }
        if (applicationContext == null) {
            throw new PduException("A-ASSOCIATE-RQ without an application context", Pdu.Abort.INVALID_PARAMETER);
        }
        return new Pdu.AssociateRequest(header.called, header.calling, applicationContext, contexts, user);
    }

    private static Pdu.AssociateAccept readAssociateAccept(ByteBuffer buffer) throws PduException {
        Header header = header(buffer);
        String applicationContext = null;
        List<Pdu.AcceptedContext> contexts = new ArrayList<>();
        Pdu.UserInformation user = new Pdu.UserInformation(0, null, null);
        while (buffer.hasRemaining()) {
            int itemType = buffer.get() & 0xFF;
            buffer.get();
            ByteBuffer item = slice(buffer, buffer.getShort() & 0xFFFF);
            switch (itemType) {
                case APPLICATION_CONTEXT -> applicationContext = string(item, item.remaining());
                case CONTEXT_AC -> {
                    int id = item.get() & 0xFF;
                    item.get();
                    int result = item.get() & 0xFF;
                    item.get();
                    String syntax = null;
                    while (item.hasRemaining()) {
                        int subType = item.get() & 0xFF;
                        item.get();
                        ByteBuffer sub = slice(item, item.getShort() & 0xFFFF);
                        if (subType == TRANSFER_SYNTAX) {
                            syntax = string(sub, sub.remaining());
                        }
                    }
                    contexts.add(new Pdu.AcceptedContext(id, result, syntax));
                }
                case USER_INFORMATION -> user = userInformation(item);
                default -> {
                }
            }
        }
        return new Pdu.AssociateAccept(header.called, header.calling, applicationContext, contexts, user);
    }

    private record Header(String called, String calling) {
    }

    private static Header header(ByteBuffer buffer) throws PduException {
        int version = buffer.getShort() & 0xFFFF;
        if ((version & 1) == 0) {
            throw new PduException("protocol version " + version + " does not include version 1",
                    Pdu.Abort.INVALID_PARAMETER);
        }
        buffer.getShort();
        String called = string(buffer, 16).strip();
        String calling = string(buffer, 16).strip();
        buffer.position(buffer.position() + 32);
        return new Header(called, calling);
    }

    private static Pdu.ProposedContext proposedContext(ByteBuffer item) {
        int id = item.get() & 0xFF;
        item.position(item.position() + 3);
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        while (item.hasRemaining()) {
            int subType = item.get() & 0xFF;
            item.get();
            ByteBuffer sub = slice(item, item.getShort() & 0xFFFF);
            if (subType == ABSTRACT_SYNTAX) {
                abstractSyntax = string(sub, sub.remaining());
            } else if (subType == TRANSFER_SYNTAX) {
                transferSyntaxes.add(string(sub, sub.remaining()));
            }
        }
        return new Pdu.ProposedContext(id, abstractSyntax == null ? "" : abstractSyntax, transferSyntaxes);
    }

    private static Pdu.UserInformation userInformation(ByteBuffer item) {
        long maxLength = 0;
        String classUid = null;
        String versionName = null;
        List<Pdu.RoleSelection> roles = new ArrayList<>();
        while (item.hasRemaining()) {
            int subType = item.get() & 0xFF;
            item.get();
            ByteBuffer sub = slice(item, item.getShort() & 0xFFFF);
            switch (subType) {
                case MAX_LENGTH -> maxLength = sub.getInt() & 0xFFFFFFFFL;
                case IMPLEMENTATION_CLASS_UID -> classUid = string(sub, sub.remaining());
                case IMPLEMENTATION_VERSION_NAME -> versionName = string(sub, sub.remaining());
                case ROLE_SELECTION -> {
                    String sopClass = string(sub, sub.getShort() & 0xFFFF);
                    roles.add(new Pdu.RoleSelection(sopClass, sub.get() == 1, sub.get() == 1));
                }
                default -> {
                    // Asynchronous operations, extended negotiation, user identity: not used.
                }
            }
        }
        return new Pdu.UserInformation(maxLength, classUid, versionName, roles);
    }

    private static Pdu.PData readPData(ByteBuffer buffer) throws PduException {
        List<Pdu.Pdv> values = new ArrayList<>();
        while (buffer.hasRemaining()) {
            long length = buffer.getInt() & 0xFFFFFFFFL;
            if (length < 2 || length > buffer.remaining()) {
                throw new PduException("PDV item length " + length + " does not fit its P-DATA-TF",
                        Pdu.Abort.INVALID_PARAMETER);
            }
            int contextId = buffer.get() & 0xFF;
            int control = buffer.get() & 0xFF;
            byte[] data = new byte[(int) length - 2];
            buffer.get(data);
            values.add(new Pdu.Pdv(contextId, (control & 1) != 0, (control & 2) != 0, data));
        }
        if (values.isEmpty()) {
            throw new PduException("P-DATA-TF without a PDV", Pdu.Abort.INVALID_PARAMETER);
        }
        return new Pdu.PData(values);
    }

    private static ByteBuffer slice(ByteBuffer buffer, int length) {
        if (length > buffer.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer slice = buffer.slice();
        slice.limit(length);
        buffer.position(buffer.position() + length);
        return slice;
    }

    /** UIDs may be padded with NUL, AE titles with spaces. */
    private static String string(ByteBuffer buffer, int length) {
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == 0 || bytes[end - 1] == ' ')) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    /** Writes one PDU. */
    public static void write(OutputStream out, Pdu pdu) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int type;
        if (pdu instanceof Pdu.AssociateRequest rq) {
            type = ASSOCIATE_RQ;
            header(body, rq.calledAeTitle(), rq.callingAeTitle());
            item(body, APPLICATION_CONTEXT, ascii(rq.applicationContext()));
            for (Pdu.ProposedContext context : rq.contexts()) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                content.writeBytes(new byte[] {(byte) context.id(), 0, 0, 0});
                item(content, ABSTRACT_SYNTAX, ascii(context.abstractSyntax()));
                for (String syntax : context.transferSyntaxes()) {
                    item(content, TRANSFER_SYNTAX, ascii(syntax));
                }
                item(body, CONTEXT_RQ, content.toByteArray());
            }
            item(body, USER_INFORMATION, userInformation(rq.userInformation()));
        } else if (pdu instanceof Pdu.AssociateAccept ac) {
            type = ASSOCIATE_AC;
            header(body, ac.calledAeTitle(), ac.callingAeTitle());
            item(body, APPLICATION_CONTEXT, ascii(ac.applicationContext()));
            for (Pdu.AcceptedContext context : ac.contexts()) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                content.writeBytes(new byte[] {(byte) context.id(), 0, (byte) context.result(), 0});
                // PS3.8 9.3.3.2: a transfer-syntax sub-item is present even when the context is rejected.
                item(content, TRANSFER_SYNTAX, ascii(context.transferSyntax() == null ? "" : context.transferSyntax()));
                item(body, CONTEXT_AC, content.toByteArray());
            }
            item(body, USER_INFORMATION, userInformation(ac.userInformation()));
        } else if (pdu instanceof Pdu.AssociateReject rj) {
            type = ASSOCIATE_RJ;
            body.writeBytes(new byte[] {0, (byte) rj.result(), (byte) rj.source(), (byte) rj.reason()});
        } else if (pdu instanceof Pdu.PData data) {
            type = P_DATA;
            for (Pdu.Pdv pdv : data.values()) {
                writeInt(body, pdv.data().length + 2L);
                body.write(pdv.contextId());
                body.write((pdv.command() ? 1 : 0) | (pdv.last() ? 2 : 0));
                body.writeBytes(pdv.data());
            }
        } else if (pdu instanceof Pdu.ReleaseRequest) {
            type = RELEASE_RQ;
            body.writeBytes(new byte[4]);
        } else if (pdu instanceof Pdu.ReleaseResponse) {
            type = RELEASE_RP;
            body.writeBytes(new byte[4]);
        } else {
            Pdu.Abort abort = (Pdu.Abort) pdu;
            type = ABORT;
            body.writeBytes(new byte[] {0, 0, (byte) abort.source(), (byte) abort.reason()});
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream(body.size() + 6);
        whole.write(type);
        whole.write(0);
        writeInt(whole, body.size());
        body.writeTo(whole);
        whole.writeTo(out);
        out.flush();
    }

    private static void header(ByteArrayOutputStream body, String called, String calling) {
        body.writeBytes(new byte[] {0, 1, 0, 0});
        body.writeBytes(aeTitle(called));
        body.writeBytes(aeTitle(calling));
        body.writeBytes(new byte[32]);
    }

    private static byte[] userInformation(Pdu.UserInformation user) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        ByteArrayOutputStream length = new ByteArrayOutputStream();
        writeInt(length, user.maxPduLength());
        item(content, MAX_LENGTH, length.toByteArray());
        if (user.implementationClassUid() != null) {
            item(content, IMPLEMENTATION_CLASS_UID, ascii(user.implementationClassUid()));
        }
        for (Pdu.RoleSelection role : user.roleSelections()) {
            byte[] uid = ascii(role.sopClassUid());
            ByteArrayOutputStream selection = new ByteArrayOutputStream();
            selection.write(uid.length >>> 8 & 0xFF);
            selection.write(uid.length & 0xFF);
            selection.writeBytes(uid);
            selection.write(role.scu() ? 1 : 0);
            selection.write(role.scp() ? 1 : 0);
            item(content, ROLE_SELECTION, selection.toByteArray());
        }
        if (user.implementationVersionName() != null) {
            item(content, IMPLEMENTATION_VERSION_NAME, ascii(user.implementationVersionName()));
        }
        return content.toByteArray();
    }

    private static byte[] aeTitle(String title) {
        byte[] padded = new byte[16];
        Arrays.fill(padded, (byte) ' ');
        byte[] bytes = ascii(title);
        System.arraycopy(bytes, 0, padded, 0, Math.min(16, bytes.length));
        return padded;
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] content) {
        out.write(type);
        out.write(0);
        out.write(content.length >>> 8 & 0xFF);
        out.write(content.length & 0xFF);
        out.writeBytes(content);
    }

    private static void writeInt(ByteArrayOutputStream out, long value) {
        out.write((int) (value >>> 24 & 0xFF));
        out.write((int) (value >>> 16 & 0xFF));
        out.write((int) (value >>> 8 & 0xFF));
        out.write((int) (value & 0xFF));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private PduCodec() {
    }
}
