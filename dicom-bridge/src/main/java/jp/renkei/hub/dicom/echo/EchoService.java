package jp.renkei.hub.dicom.echo;

import java.io.IOException;
import java.io.InputStream;

import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.DimseService;
import jp.renkei.hub.dicom.net.PresentationContext;

/** The Verification service (C-ECHO SCP, PS3.4 A): answers success to an admitted peer. */
public final class EchoService implements DimseService {

    public static final String VERIFICATION = "1.2.840.10008.1.1";

    @Override
    public boolean provides(String abstractSyntax) {
        return VERIFICATION.equals(abstractSyntax);
    }

    @Override
    public boolean accepts(String abstractSyntax, TransferSyntax syntax) {
        return !syntax.encapsulated();
    }

    @Override
    public void handle(Association association, PresentationContext context, Dimse.Command command,
                       InputStream dataSet) throws IOException {
        boolean echo = command.field() == Dimse.C_ECHO_RQ;
        association.respond(context, command, echo ? Dimse.SUCCESS : Dimse.UNRECOGNIZED_OPERATION,
                echo ? null : "only C-ECHO is provided for Verification", null);
    }
}
