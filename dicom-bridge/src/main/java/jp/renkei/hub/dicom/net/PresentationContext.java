package jp.renkei.hub.dicom.net;

import jp.renkei.hub.dicom.encoding.TransferSyntax;

/** An accepted presentation context: its ID, abstract syntax, agreed transfer syntax and the service for it. */
public record PresentationContext(int id, String abstractSyntax, TransferSyntax transferSyntax,
                                  DimseService service) {
}
