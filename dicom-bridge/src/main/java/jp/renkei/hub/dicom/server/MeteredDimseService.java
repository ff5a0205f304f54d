package jp.renkei.hub.dicom.server;

import java.io.IOException;
import java.io.InputStream;

import jp.renkei.hub.core.monitoring.HubInterface;
import jp.renkei.hub.core.monitoring.HubMeters;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.DimseService;
import jp.renkei.hub.dicom.net.PresentationContext;

/**
 * Times each DIMSE request a service handles (a C-MOVE including its sub-operations), tagged with the command and
 * {@code ok} or {@code error} (the service threw: the association is aborted). The DIMSE status the caller got is
 * not a tag; refused C-STOREs are counted by the ingest meter ({@code renkei_ingest_inputs_total}).
 */
record MeteredDimseService(DimseService service, HubMeters meters) implements DimseService {

    @Override
    public boolean provides(String abstractSyntax) {
        return service.provides(abstractSyntax);
    }

    @Override
    public boolean accepts(String abstractSyntax, TransferSyntax syntax) {
        return service.accepts(abstractSyntax, syntax);
    }

    @Override
    public void handle(Association association, PresentationContext context, Dimse.Command command,
                       InputStream dataSet) throws IOException {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            service.handle(association, context, command, dataSet);
            outcome = "ok";
        } finally {
            meters.request(HubInterface.DICOM, operation(command.field()), outcome, System.nanoTime() - started);
        }
    }

    private static String operation(int field) {
        return switch (field) {
            case Dimse.C_STORE_RQ -> "C-STORE";
            case Dimse.C_FIND_RQ -> "C-FIND";
            case Dimse.C_GET_RQ -> "C-GET";
            case Dimse.C_MOVE_RQ -> "C-MOVE";
            case Dimse.C_ECHO_RQ -> "C-ECHO";
            default -> "other";
        };
    }
}
