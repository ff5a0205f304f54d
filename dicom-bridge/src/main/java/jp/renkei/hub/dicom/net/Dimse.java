package jp.renkei.hub.dicom.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomReader;
import jp.renkei.hub.dicom.encoding.DicomWriter;
import jp.renkei.hub.dicom.encoding.Vr;

/**
 * DIMSE command sets (PS3.7 9, E): group 0000, always Implicit VR Little Endian, headed by its group length.
 * Command fields, the command elements and the status codes the hub uses.
 */
public final class Dimse {

    public static final int C_STORE_RQ = 0x0001;
    public static final int C_GET_RQ = 0x0010;
    public static final int C_FIND_RQ = 0x0020;
    public static final int C_MOVE_RQ = 0x0021;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int C_CANCEL_RQ = 0x0FFF;
    /** A response's command field is its request's with bit 15 set. */
    public static final int RESPONSE = 0x8000;

    public static final int COMMAND_GROUP_LENGTH = 0x00000000;
    public static final int AFFECTED_SOP_CLASS_UID = 0x00000002;
    public static final int COMMAND_FIELD = 0x00000100;
    public static final int MESSAGE_ID = 0x00000110;
    public static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x00000120;
    public static final int PRIORITY = 0x00000700;
    public static final int COMMAND_DATA_SET_TYPE = 0x00000800;
    public static final int STATUS = 0x00000900;
    public static final int ERROR_COMMENT = 0x00000902;
    public static final int AFFECTED_SOP_INSTANCE_UID = 0x00001000;
    public static final int MOVE_DESTINATION = 0x00000600;
    public static final int NUMBER_OF_REMAINING_SUBOPERATIONS = 0x00001020;
    public static final int NUMBER_OF_COMPLETED_SUBOPERATIONS = 0x00001021;
    public static final int NUMBER_OF_FAILED_SUBOPERATIONS = 0x00001022;
    public static final int NUMBER_OF_WARNING_SUBOPERATIONS = 0x00001023;
    public static final int MOVE_ORIGINATOR_AE_TITLE = 0x00001030;
    public static final int MOVE_ORIGINATOR_MESSAGE_ID = 0x00001031;

    /** CommandDataSetType value meaning "no data set follows". */
    public static final int NO_DATA_SET = 0x0101;
    private static final int DATA_SET_PRESENT = 0x0000;

    /** Status codes (PS3.7 C and the service annexes). */
    public static final int SUCCESS = 0x0000;
    public static final int PENDING = 0xFF00;
    public static final int CANCEL = 0xFE00;
    public static final int REFUSED_NOT_AUTHORIZED = 0x0124;
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int UNRECOGNIZED_OPERATION = 0x0211;
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int CANNOT_UNDERSTAND = 0xC000;
    /** C-GET / C-MOVE: sub-operations complete, one or more failures or warnings. */
    public static final int SUBOPERATIONS_COMPLETE_WITH_FAILURES = 0xB000;
    /** C-MOVE: the move destination is not a known AE of the caller. */
    public static final int MOVE_DESTINATION_UNKNOWN = 0xA801;
    /** C-GET / C-MOVE: out of resources, unable to perform sub-operations (C-MOVE: destination unreachable). */
    public static final int UNABLE_TO_PERFORM_SUBOPERATIONS = 0xA702;
    /** C-GET / C-MOVE: the identifier does not name anything retrievable at its level. */
    public static final int IDENTIFIER_DOES_NOT_MATCH = 0xA900;
    public static final int UNABLE_TO_PROCESS = 0xC001;

    /** A received command set. */
    public record Command(DataSet elements) {

        public int field() {
            return elements.integer(COMMAND_FIELD).orElse(-1);
        }

        public int messageId() {
            return elements.integer(MESSAGE_ID).orElse(0);
        }

        public Optional<String> affectedSopClassUid() {
            return elements.string(AFFECTED_SOP_CLASS_UID);
        }

        public Optional<String> affectedSopInstanceUid() {
            return elements.string(AFFECTED_SOP_INSTANCE_UID);
        }

        public boolean hasDataSet() {
            return elements.integer(COMMAND_DATA_SET_TYPE).orElse(NO_DATA_SET) != NO_DATA_SET;
        }
    }

    /** The response to {@code request}; {@code comment} (may be null) is put in ErrorComment, cut to 64 chars. */
    public static DataSet response(Command request, int status, String comment, boolean dataSetFollows) {
        DataSet response = new DataSet();
        request.affectedSopClassUid().ifPresent(uid -> response.setStrings(AFFECTED_SOP_CLASS_UID, Vr.UI, uid));
        response.setInt(COMMAND_FIELD, Vr.US, request.field() | RESPONSE);
        response.setInt(MESSAGE_ID_BEING_RESPONDED_TO, Vr.US, request.messageId());
        response.setInt(COMMAND_DATA_SET_TYPE, Vr.US, dataSetFollows ? DATA_SET_PRESENT : NO_DATA_SET);
        response.setInt(STATUS, Vr.US, status);
        request.affectedSopInstanceUid().ifPresent(uid -> response.setStrings(AFFECTED_SOP_INSTANCE_UID, Vr.UI, uid));
        if (comment != null && status != SUCCESS && status != PENDING) {
            response.setStrings(ERROR_COMMENT, Vr.LO, comment.length() > 64 ? comment.substring(0, 64) : comment);
        }
        return response;
    }

    /**
     * A C-STORE-RQ command (a data set follows) for {@code sopInstance}; {@code moveOriginator} (may be null) names
     * the C-MOVE it is a sub-operation of.
     */
    public static DataSet storeRequest(String sopClass, int messageId, String sopInstance,
                                       Association.MoveOriginator moveOriginator) {
        DataSet command = new DataSet();
        command.setStrings(AFFECTED_SOP_CLASS_UID, Vr.UI, sopClass);
        command.setInt(COMMAND_FIELD, Vr.US, C_STORE_RQ);
        command.setInt(MESSAGE_ID, Vr.US, messageId);
        command.setInt(PRIORITY, Vr.US, 0);
        command.setInt(COMMAND_DATA_SET_TYPE, Vr.US, DATA_SET_PRESENT);
        command.setStrings(AFFECTED_SOP_INSTANCE_UID, Vr.UI, sopInstance);
        if (moveOriginator != null) {
            command.setStrings(MOVE_ORIGINATOR_AE_TITLE, Vr.AE, moveOriginator.aeTitle());
            command.setInt(MOVE_ORIGINATOR_MESSAGE_ID, Vr.US, moveOriginator.messageId());
        }
        return command;
    }

    /** The command's bytes, group length first. */
    public static byte[] encode(DataSet command) {
        DataSet withoutLength = command.select();
        command.elements().stream().filter(e -> e.tag() != COMMAND_GROUP_LENGTH).forEach(withoutLength::put);
        byte[] elements = DicomWriter.encode(withoutLength, false);
        DataSet length = new DataSet().setInt(COMMAND_GROUP_LENGTH, Vr.UL, elements.length);
        byte[] head = DicomWriter.encode(length, false);
        byte[] all = new byte[head.length + elements.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(elements, 0, all, head.length, elements.length);
        return all;
    }

    public static Command decode(byte[] bytes) throws IOException {
        return new Command(new DicomReader(new ByteArrayInputStream(bytes), false, Long.MAX_VALUE).readDataSet());
    }

    private Dimse() {
    }
}
