package jp.renkei.hub.gateway.ss2;

import java.util.Base64;

import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import org.hl7.fhir.r4.model.Attachment;

/**
 * HL7 ED values (OBX-5 of type ED: source^type^subtype^encoding^data) as FHIR attachments: the MIME type from
 * type/subtype ({@code application^pdf}, or the short forms {@code AP^PDF}, {@code IM^JPEG}), Base64 data checked.
 */
final class EncapsulatedData {

    private EncapsulatedData() {
    }

    static Attachment attachment(Hl7Segment obx) throws IngestFailure {
        String type = obx.get(5, 2);
        String subtype = obx.get(5, 3);
        String encoding = obx.get(5, 4);
        String data = obx.get(5, 5);
        if (data.isEmpty()) {
            throw new IngestFailure("the encapsulated document has no data", obx.at(5, 5));
        }
        if (!encoding.equalsIgnoreCase("Base64")) {
            throw new IngestFailure("the encapsulated document is encoded as '" + encoding
                    + "'; the hub reads Base64", obx.at(5, 4));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IngestFailure("the encapsulated document is not valid Base64: " + e.getMessage(), obx.at(5, 5));
        }
        Attachment attachment = new Attachment().setContentType(mime(type, subtype)).setData(bytes);
        String title = obx.get(3, 2);
        if (!title.isEmpty()) {
            attachment.setTitle(title);
        }
        return attachment;
    }

    private static String mime(String type, String subtype) {
        String major = switch (type.toUpperCase()) {
            case "AP", "APPLICATION" -> "application";
            case "IM", "IMAGE" -> "image";
            case "TEXT", "TX" -> "text";
            default -> type.toLowerCase();
        };
        return major + "/" + subtype.toLowerCase();
    }
}
