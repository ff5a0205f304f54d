package jp.renkei.hub.dicom.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Element;
import jp.renkei.hub.dicom.encoding.PersonName;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.Value;
import jp.renkei.hub.dicom.encoding.Vr;

/**
 * The DICOM JSON model (PS3.18 F.2): a data set as an object keyed by 8-hex-digit tags, each with its VR and
 * values — strings, numbers for the numeric VRs, person-name objects with their alphabetic, ideographic and
 * phonetic groups, nested data sets for sequences, base64 InlineBinary for small binary values. Pixel data
 * and other bulk data that was not read (large values, encapsulated fragments) are left out: the hub
 * offers no bulk-data URIs; the pixels are retrieved with the instance or rendered. Group 0002 and the
 * specific character set are dropped: the JSON is Unicode.
 */
final class DicomJson {

    static void write(JsonGenerator json, DataSet set) throws IOException {
        json.writeStartObject();
        for (Element element : set.elements()) {
            if (Tag.group(element.tag()) == 0x0002 || element.tag() == Tag.SPECIFIC_CHARACTER_SET
                    || element.tag() == Tag.PIXEL_DATA || element.value() instanceof Value.Skipped || element.value() instanceof Value.Fragments) {
                continue;
            }
            json.writeFieldName(String.format("%08X", element.tag()));
            json.writeStartObject();
            json.writeStringField("vr", element.vr().name());
            values(json, set, element);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void values(JsonGenerator json, DataSet set, Element element) throws IOException {
        if (element.value() instanceof Value.Items items) {
            if (!items.items().isEmpty()) {
                json.writeArrayFieldStart("Value");
                for (DataSet item : items.items()) {
                    write(json, item);
                }
                json.writeEndArray();
            }
            return;
        }
        byte[] bytes = ((Value.Bytes) element.value()).bytes();
        if (bytes.length == 0) {
            return;
        }
        Vr vr = element.vr();
        if (vr.isText()) {
            List<String> values = set.strings(element.tag());
            json.writeArrayFieldStart("Value");
            for (String value : values) {
                text(json, vr, value);
            }
            json.writeEndArray();
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        switch (vr) {
            case US, SS, UL, SL, FL, FD, SV, UV, AT -> {
                json.writeArrayFieldStart("Value");
                binaryNumbers(json, vr, buffer);
                json.writeEndArray();
            }
            default -> json.writeBinaryField("InlineBinary", bytes);
        }
    }

    private static void text(JsonGenerator json, Vr vr, String value) throws IOException {
        if (value.isEmpty()) {
            json.writeNull();
            return;
        }
        switch (vr) {
            case PN -> {
                PersonName name = PersonName.parse(value);
                json.writeStartObject();
                group(json, "Alphabetic", name.alphabetic());
                group(json, "Ideographic", name.ideographic());
                group(json, "Phonetic", name.phonetic());
                json.writeEndObject();
            }
            case IS, DS -> {
                try {
                    json.writeNumber(new BigDecimal(value.strip()));
                } catch (NumberFormatException e) {
                    // A malformed number is shown as received rather than dropped.
                    json.writeString(value);
                }
            }
            default -> json.writeString(value);
        }
    }

    private static void group(JsonGenerator json, String name, PersonName.Group group) throws IOException {
        if (!group.isEmpty()) {
            json.writeStringField(name, group.toString());
        }
    }

    private static void binaryNumbers(JsonGenerator json, Vr vr, ByteBuffer buffer) throws IOException {
        int width = vr == Vr.US || vr == Vr.SS ? 2 : vr == Vr.FD || vr == Vr.SV || vr == Vr.UV ? 8 : 4;
        while (buffer.remaining() >= width) {
            switch (vr) {
                case US -> json.writeNumber(buffer.getShort() & 0xFFFF);
                case SS -> json.writeNumber(buffer.getShort());
                case UL -> json.writeNumber(buffer.getInt() & 0xFFFFFFFFL);
                case SL -> json.writeNumber(buffer.getInt());
                case FL -> json.writeNumber(buffer.getFloat());
                case FD -> json.writeNumber(buffer.getDouble());
                case SV -> json.writeNumber(buffer.getLong());
                case UV -> json.writeNumber(new BigInteger(Long.toUnsignedString(buffer.getLong())));
                default -> json.writeString(String.format("%04X%04X", buffer.getShort() & 0xFFFF,
                        buffer.getShort() & 0xFFFF));
            }
        }
    }

    private DicomJson() {
    }
}
