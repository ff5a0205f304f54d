package jp.renkei.hub.gateway.ss2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.MappedRecord;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Resource;

/**
 * Documents (MDM^T02 original, T10 replacement with content; T11 cancels): a discharge summary, referral letter,
 * operation record … → one JP_DocumentReference per document (TXA-12 unique document number): type from TXA-2
 * (HL7 table 0270) as the JP Core document code ({@code DS} → 18842-5 退院時サマリ …), status from TXA-17 (AU/LA
 * final, else preliminary), date TXA-6 (else TXA-4), author TXA-9 (else TXA-5), authenticator TXA-10, the stay
 * PV1-44/45 as context period; content: each encapsulated OBX (ED, a PDF) as an attachment, and the text OBX (TX,
 * FT, ST) together as one UTF-8 text attachment with their headings (OBX-3).
 */
final class DocumentMapper implements Ss2Mapper {

    /** HL7 table 0270 document types → JP Core document codes (JP_DocumentCodes_CS). */
    private static final Map<String, Coding> TYPES = Map.ofEntries(
            Map.entry("DS", code("18842-5", "退院時サマリ")),
            Map.entry("TS", code("18761-7", "転科転棟引継")),
            Map.entry("OP", code("34874-8", "手術記録")),
            Map.entry("PN", code("28570-0", "処置記録")),
            Map.entry("PR", code("11506-3", "経過記録")),
            Map.entry("HP", code("11492-6", "既往症・理学的所見")),
            Map.entry("CN", code("57133-1", "診療情報提供書")),
            Map.entry("RF", code("57133-1", "診療情報提供書")),
            Map.entry("DI", code("18748-4", "画像検査報告書")),
            Map.entry("SP", code("11526-1", "病理検査報告書")),
            Map.entry("AR", code("18743-5", "剖検報告書")),
            Map.entry("CD", code("28010-7", "心電図報告書")));

    private static Coding code(String code, String display) {
        return new Coding(JpCoreSystems.DOCUMENT_CODES, code, display);
    }

    @Override
    public List<Resource> map(Ss2Input input) throws IngestFailure {
        Hl7Segment txa = input.message().require("TXA");
        String number = txa.get(12, 1);
        String item = "document/" + (number.isEmpty() ? input.orderNumber() : number);
        DocumentReference document = input.identify(new DocumentReference(), item);
        document.getMeta().addProfile(JpCoreSystems.JP_DOCUMENT_REFERENCE);
        document.setMasterIdentifier(input.sourceIdentifier(item));
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        String completion = txa.get(17);
        document.setDocStatus(completion.equals("AU") || completion.equals("LA")
                ? DocumentReference.ReferredDocumentStatus.FINAL : DocumentReference.ReferredDocumentStatus.PRELIMINARY);
        String type = txa.get(2);
        if (type.isEmpty()) {
            throw new IngestFailure("the document type is missing", txa.at(2));
        }
        Coding jpCode = TYPES.get(type);
        CodeableConcept typeConcept = new CodeableConcept();
        if (jpCode != null) {
            typeConcept.addCoding(jpCode.copy()).setText(jpCode.getDisplay());
        } else {
            typeConcept.setText(type);
        }
        document.setType(typeConcept);
        document.setDescription(typeConcept.getText());
        document.setSubject(MappedRecord.subject());
        var written = Hl7Dates.dateTime(txa, 6);
        if (written.isEmpty()) {
            written = Hl7Dates.dateTime(txa, 4);
        }
        written.ifPresent(when -> document.setDate(when.getValue()));
        Ss2Orders.person(txa, 9).or(() -> Ss2Orders.person(txa, 5)).ifPresent(document::addAuthor);
        Ss2Orders.person(txa, 10).ifPresent(document::setAuthenticator);
        var pv1 = input.message().first("PV1");
        if (pv1.isPresent()) {
            Hl7Dates.dateTime(pv1.get(), 44).ifPresent(start -> document.getContext().getPeriod().setStartElement(start));
            Hl7Dates.dateTime(pv1.get(), 45).ifPresent(end -> document.getContext().getPeriod().setEndElement(end));
        }
        List<String> text = new ArrayList<>();
        for (Hl7Segment obx : input.message().all("OBX")) {
            switch (obx.get(2)) {
                case "ED" -> document.addContent().setAttachment(EncapsulatedData.attachment(obx));
                case "TX", "FT", "ST" -> {
                    String heading = obx.get(3, 2).isEmpty() ? obx.get(3, 1) : obx.get(3, 2);
                    List<String> lines = new ArrayList<>();
                    for (int repetition = 0; repetition < obx.repetitions(5); repetition++) {
                        lines.add(obx.get(5, repetition, 1, 1));
                    }
                    text.add((heading.isEmpty() ? "" : "【" + heading + "】\n") + String.join("\n", lines));
                }
                default -> text.add(Ss2Orders.line(obx));
            }
        }
        if (!text.isEmpty()) {
            Attachment body = new Attachment().setContentType("text/plain; charset=UTF-8")
                    .setData(String.join("\n", text).getBytes(StandardCharsets.UTF_8)).setTitle(typeConcept.getText());
            written.ifPresent(when -> body.setCreationElement(when.copy()));
            document.getContent().add(0, new DocumentReference.DocumentReferenceContentComponent().setAttachment(body));
        }
        if (!document.hasContent()) {
            throw new IngestFailure("the document has no content (no OBX)", txa.location());
        }
        return List.of(document);
    }
}
