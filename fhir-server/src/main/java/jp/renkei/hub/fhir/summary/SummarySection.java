package jp.renkei.hub.fhir.summary;

import java.util.List;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * One section of the patient summary as assembled: its code and title, and the visible resources in it,
 * newest first.
 */
public record SummarySection(Coding code, String title, List<Resource> entries) {

    static final String CLINS_SECTIONS = "http://jpfhir.jp/fhir/clins/CodeSystem/document-section";
    static final String LOINC = "http://loinc.org";

    public SummarySection {
        entries = List.copyOf(entries);
    }

    static Coding clins(String code, String display) {
        return new Coding(CLINS_SECTIONS, code, display);
    }

    static Coding loinc(String code, String display) {
        return new Coding(LOINC, code, display);
    }
}
