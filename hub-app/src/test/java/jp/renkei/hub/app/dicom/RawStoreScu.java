package jp.renkei.hub.app.dicom;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.Pdu;
import jp.renkei.hub.dicom.net.PduCodec;

/**
 * A minimal storage SCU that sends whatever bytes it is given as a C-STORE data set, so that tests can send
 * corrupt instances no real tool would send, or act between two C-STOREs of one association.
 */
public final class RawStoreScu implements AutoCloseable {

    private static final int CONTEXT = 1;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String sopClass;
    private int messageId;

    /** Opens an association proposing {@code sopClass} in Explicit VR LE. */
    public RawStoreScu(int port, String callingAe, String sopClass) throws IOException {
        this.sopClass = sopClass;
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
        PduCodec.write(out, new Pdu.AssociateRequest("RENKEIHUB", callingAe, "1.2.840.10008.3.1.1.1",
                List.of(new Pdu.ProposedContext(CONTEXT, sopClass,
                        List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()))),
                new Pdu.UserInformation(16384, "1.2.3.4", "RAWSCU")));
        Pdu answer = PduCodec.read(in, 1 << 20);
        if (!(answer instanceof Pdu.AssociateAccept)) {
            socket.close();
            throw new IOException("association not accepted: " + answer);
        }
    }

    /** Sends one C-STORE with {@code dataSet} as its (possibly broken) data set; returns the response status. */
    public int store(String sopInstance, byte[] dataSet) throws IOException {
        DataSet command = new DataSet();
        command.setStrings(Dimse.AFFECTED_SOP_CLASS_UID, Vr.UI, sopClass);
        command.setInt(Dimse.COMMAND_FIELD, Vr.US, Dimse.C_STORE_RQ);
        command.setInt(Dimse.MESSAGE_ID, Vr.US, ++messageId);
        command.setInt(Dimse.PRIORITY, Vr.US, 0);
        command.setInt(Dimse.COMMAND_DATA_SET_TYPE, Vr.US, 0);
        command.setStrings(Dimse.AFFECTED_SOP_INSTANCE_UID, Vr.UI, sopInstance);
        PduCodec.write(out, new Pdu.PData(List.of(new Pdu.Pdv(CONTEXT, true, true, Dimse.encode(command)))));
        PduCodec.write(out, new Pdu.PData(List.of(new Pdu.Pdv(CONTEXT, false, true, dataSet))));
        Pdu response = PduCodec.read(in, 1 << 20);
        if (!(response instanceof Pdu.PData data)) {
            throw new IOException("no C-STORE response: " + response);
        }
        return Dimse.decode(data.values().get(0).data()).elements().integer(Dimse.STATUS).orElseThrow();
    }

    /** Releases the association. */
    @Override
    public void close() throws IOException {
        try {
            PduCodec.write(out, new Pdu.ReleaseRequest());
            PduCodec.read(in, 1 << 20);
        } finally {
            socket.close();
        }
    }

    /** One association, one C-STORE. */
    public static int store(int port, String callingAe, String sopClass, String sopInstance, byte[] dataSet)
            throws IOException {
        try (RawStoreScu scu = new RawStoreScu(port, callingAe, sopClass)) {
            return scu.store(sopInstance, dataSet);
        }
    }
}
