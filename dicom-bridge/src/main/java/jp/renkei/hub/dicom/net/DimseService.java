package jp.renkei.hub.dicom.net;

import java.io.IOException;
import java.io.InputStream;

import jp.renkei.hub.dicom.encoding.TransferSyntax;

/**
 * A DIMSE service class provider: says which abstract syntaxes and transfer syntaxes it takes (presentation
 * context negotiation asks every registered service) and handles the requests on them.
 */
public interface DimseService {

    /** Whether this service provides {@code abstractSyntax} (a SOP class UID). */
    boolean provides(String abstractSyntax);

    /** Whether it accepts data sets of {@code abstractSyntax} in {@code syntax}. */
    boolean accepts(String abstractSyntax, TransferSyntax syntax);

    /**
     * Handles one request. {@code dataSet} streams the request's data set (null when there is none); whatever the
     * service leaves unread is drained afterwards. The service sends its response(s) through the association.
     */
    void handle(Association association, PresentationContext context, Dimse.Command command, InputStream dataSet)
            throws IOException;
}
