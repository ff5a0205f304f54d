package jp.renkei.hub.dicom.query;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomFormatException;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.DimseService;
import jp.renkei.hub.dicom.net.PresentationContext;

/**
 * A Query/Retrieve service whose requests carry an identifier (C-FIND, C-GET, C-MOVE) on its information
 * models' SOP classes, in the uncompressed syntaxes: checks the command, reads the identifier and answers a
 * malformed one; subclasses serve well-formed requests.
 */
public abstract class IdentifierService implements DimseService {

    private final int commandField;
    private final Set<String> sopClasses;

    protected IdentifierService(int commandField, Set<String> sopClasses) {
        this.commandField = commandField;
        this.sopClasses = Set.copyOf(sopClasses);
    }

    @Override
    public final boolean provides(String abstractSyntax) {
        return sopClasses.contains(abstractSyntax);
    }

    @Override
    public final boolean accepts(String abstractSyntax, TransferSyntax syntax) {
        return !syntax.encapsulated();
    }

    @Override
    public final void handle(Association association, PresentationContext context, Dimse.Command command,
                             InputStream dataSet) throws IOException {
        if (command.field() != commandField || dataSet == null) {
            association.respond(context, command, Dimse.UNRECOGNIZED_OPERATION, "unsupported operation "
                    + Integer.toHexString(command.field()) + " or no identifier on this context", null);
            return;
        }
        DataSet keys;
        try {
            keys = QueryIdentifier.read(dataSet, context.transferSyntax());
        } catch (DicomFormatException e) {
            association.respond(context, command, Dimse.UNABLE_TO_PROCESS, "malformed identifier", null);
            return;
        }
        serve(association, context, command, keys);
    }

    /** Serves a request with a well-formed identifier, sending every response. */
    protected abstract void serve(Association association, PresentationContext context, Dimse.Command command,
                                  DataSet keys) throws IOException;
}
