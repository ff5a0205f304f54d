package jp.renkei.hub.carenet.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jp.renkei.hub.carenet.post.PinColour;

/** Request bodies of the care-net API. */
public final class CareNetRequests {

    private CareNetRequests() {
    }

    @Schema(description = "An application for a patient's room")
    public record ApplyRequest(
            @Schema(example = "福島 一郎") String patientName,
            @Schema(example = "フクシマ イチロウ") String patientNameKana,
            LocalDate patientBirthDate,
            @Schema(description = "the patient's event number, if enrolled and linked at the applicant's facility")
            String eventNumber,
            @Schema(description = "proposed members; facilityId is required for staff, omitted for family")
            List<MemberRequest> members,
            @Schema(description = "the caretaker (世話役): the applicant when omitted") String caretakerId,
            @Schema(description = "the patient's signed consent form, base64 (PDF, JPEG or PNG, ≤ 5 MB)")
            String scannedForm) {
    }

    public record MemberRequest(String personId, String facilityId) {
    }

    public record ReasonRequest(String reason) {
    }

    @Schema(description = "A post: title, free text, structured entries by category template, files")
    public record PostRequest(
            @Schema(example = "夜間の様子") String title,
            String body,
            @Schema(description = "per category: item code to value; only what is entered is recorded")
            List<EntryRequest> entries,
            boolean sharedWithFamily,
            List<FileRequest> attachments) {
    }

    public record EntryRequest(@Schema(example = "SLEEP") String category,
                               @Schema(example = "{\"daytimeSleep\":\"あり\",\"nightSleep\":5.5}")
                               Map<String, Object> values) {
    }

    public record FileRequest(@Schema(example = "仙骨部.jpg") String fileName,
                              @Schema(description = "base64 content (JPEG, PNG or PDF, ≤ 5 MB)") String content) {
    }

    public record CommentRequest(String body) {
    }

    public record PinRequest(PinColour colour) {
    }
}
