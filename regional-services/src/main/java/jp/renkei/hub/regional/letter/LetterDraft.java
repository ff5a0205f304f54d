package jp.renkei.hub.regional.letter;

import java.util.List;
import java.util.Map;

/**
 * What a doctor writes: to which facility, about which patient (event number), the sections' texts and the
 * records chosen from the patient's record ({@code Observation/<id>}, {@code ImagingStudy/<id>}).
 */
public record LetterDraft(String recipientFacilityId, String eventNumber, String title,
                          Map<LetterSection, String> sections, List<String> attachments) {

    public LetterDraft {
        sections = sections == null ? Map.of() : Map.copyOf(sections);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
