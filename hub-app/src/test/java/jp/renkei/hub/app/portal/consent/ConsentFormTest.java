package jp.renkei.hub.app.portal.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ScannedForm;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

class ConsentFormTest {

    private static ConsentForm form(String from, String until) {
        ConsentForm form = ConsentForm.blank(LocalDate.parse(from));
        form.setCategory("CLINICAL");
        form.setValidUntil(until);
        return form;
    }

    @Test
    void theLastDayIsInclusiveInJapanTimeAndAnEndBeforeTheStartIsRefusedInJapanese() {
        Map<String, String> errors = new LinkedHashMap<>();
        ConsentForm.Read read = form("2026-04-01", "2026-04-01").read(true, null, errors);
        assertThat(errors).isEmpty();
        assertThat(read.category()).isEqualTo(ConsentCategory.CLINICAL);
        assertThat(read.terms().period().start())
                .isEqualTo(LocalDate.parse("2026-04-01").atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant());
        assertThat(read.terms().period().end())
                .isEqualTo(LocalDate.parse("2026-04-02").atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant());
        assertThat(read.terms().grantees().all()).isTrue();
        assertThat(read.form()).isNull();

        assertThat(form("2026-04-01", "2026-03-31").read(true, null, errors)).isNull();
        assertThat(errors).containsEntry("validUntil", "consent.error.validUntil.beforeStart");
    }

    @Test
    void eachFieldIsCheckedWithItsOwnMessage() {
        ConsentForm form = form("2026-04-01", "4/1");
        form.setValidFrom("");
        form.setCategory("NONSENSE");
        form.setGranteeScope("LISTED");
        form.setGrantees(List.of(" "));
        form.setObtainedVia(null);
        form.setScannedForm(new MockMultipartFile("scannedForm", "x.gif", "image/png", "GIF89a".getBytes()));
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(form.read(true, null, errors)).isNull();
        assertThat(errors).containsEntry("category", "consent.error.category")
                .containsEntry("grantees", "consent.error.scope.empty")
                .containsEntry("validFrom", "consent.error.validFrom.required")
                .containsEntry("validUntil", "consent.error.date.format")
                .containsEntry("obtainedVia", "consent.error.obtainedVia")
                .containsEntry("scannedForm", "consent.error.form.type");

        ConsentForm large = form("2026-04-01", "");
        large.setScannedForm(new MockMultipartFile("scannedForm", "x.pdf", "application/pdf",
                new byte[ScannedForm.MAX_BYTES + 1]));
        Map<String, String> largeErrors = new LinkedHashMap<>();
        assertThat(large.read(true, null, largeErrors)).isNull();
        assertThat(largeErrors).containsOnlyKeys("scannedForm").containsValue("consent.error.form.tooLarge");
    }
}
