package jp.renkei.hub.dicom.net;

import java.util.List;

/** Protocol data units of the DICOM upper layer (PS3.8 9.3). */
public sealed interface Pdu {

    /** A-ASSOCIATE-RQ (type 01H). */
    record AssociateRequest(String calledAeTitle, String callingAeTitle, String applicationContext,
                            List<ProposedContext> contexts, UserInformation userInformation) implements Pdu {
        public AssociateRequest {
            contexts = List.copyOf(contexts);
        }
    }

    /** A-ASSOCIATE-AC (type 02H). */
    record AssociateAccept(String calledAeTitle, String callingAeTitle, String applicationContext,
                           List<AcceptedContext> contexts, UserInformation userInformation) implements Pdu {
        public AssociateAccept {
            contexts = List.copyOf(contexts);
        }
    }

    /** A-ASSOCIATE-RJ (type 03H); see {@link Rejection} for the values. */
    record AssociateReject(int result, int source, int reason) implements Pdu {
    }

    /** P-DATA-TF (type 04H): one or more presentation-data values. */
    record PData(List<Pdv> values) implements Pdu {
        public PData {
            values = List.copyOf(values);
        }
    }

    /** A-RELEASE-RQ (type 05H). */
    record ReleaseRequest() implements Pdu {
    }

    /** A-RELEASE-RP (type 06H). */
    record ReleaseResponse() implements Pdu {
    }

    /**
     * A-ABORT (type 07H). Source 0 = service user, 2 = service provider; reason (provider only) 0 not
     * specified, 1 unrecognized PDU, 2 unexpected PDU, 4 unrecognized PDU parameter, 5 unexpected PDU parameter,
     * 6 invalid PDU parameter value.
     */
    record Abort(int source, int reason) implements Pdu {
        public static final int SOURCE_USER = 0;
        public static final int SOURCE_PROVIDER = 2;
        public static final int NOT_SPECIFIED = 0;
        public static final int UNRECOGNIZED_PDU = 1;
        public static final int UNEXPECTED_PDU = 2;
        public static final int INVALID_PARAMETER = 6;
    }

    /** A presentation context as proposed: ID (odd, 1-255), abstract syntax and transfer syntaxes. */
    record ProposedContext(int id, String abstractSyntax, List<String> transferSyntaxes) {
        public ProposedContext {
            transferSyntaxes = List.copyOf(transferSyntaxes);
        }
    }

    /**
     * A presentation context as answered: result 0 acceptance, 1 user rejection, 2 no reason, 3 abstract syntax
     * not supported, 4 transfer syntaxes not supported; the transfer syntax only when accepted.
     */
    record AcceptedContext(int id, int result, String transferSyntax) {
        public static final int ACCEPTANCE = 0;
        public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
        public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

        public boolean accepted() {
            return result == ACCEPTANCE;
        }
    }

    /**
     * The user-information item: maximum length of P-DATA-TF PDUs the sender can receive (0 = unlimited), its
     * implementation class UID and version name, and SCP/SCU role selections (PS3.7 D.3.3.4).
     */
    record UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName,
                           List<RoleSelection> roleSelections) {
        public UserInformation {
            roleSelections = List.copyOf(roleSelections);
        }

        public UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName) {
            this(maxPduLength, implementationClassUid, implementationVersionName, List.of());
        }
    }

    /**
     * SCP/SCU role selection for one SOP class: whether the association requestor may act as its SCU and as its
     * SCP. A C-GET SCU proposes the SCP role for the storage classes it wants to receive on the same association.
     */
    record RoleSelection(String sopClassUid, boolean scu, boolean scp) {
    }

    /** One presentation-data value: a fragment of a command or a data set for one presentation context. */
    record Pdv(int contextId, boolean command, boolean last, byte[] data) {
    }
}
