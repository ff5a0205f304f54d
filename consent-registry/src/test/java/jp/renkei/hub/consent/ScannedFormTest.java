package jp.renkei.hub.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import jp.renkei.hub.core.web.ApiException;
import org.junit.jupiter.api.Test;

class ScannedFormTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};

    @Test
    void anUploadedFileIsCheckedAsTheApisBase64FieldIs() {
        assertThat(ScannedForm.of(PNG).contentType()).isEqualTo("image/png");
        assertThat(ScannedForm.of("%PDF-1.7\n".getBytes()).contentType()).isEqualTo("application/pdf");
        assertThat(ScannedForm.fromBase64(Base64.getEncoder().encodeToString(PNG)).contentType())
                .isEqualTo("image/png");
        assertThatThrownBy(() -> ScannedForm.of("GIF89a".getBytes())).isInstanceOf(ApiException.class)
                .hasMessageContaining("must be a PDF, JPEG or PNG");
        assertThatThrownBy(() -> ScannedForm.of(new byte[0])).isInstanceOf(ApiException.class)
                .hasMessageContaining("is empty");
        byte[] huge = new byte[ScannedForm.MAX_BYTES + 1];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        assertThatThrownBy(() -> ScannedForm.of(huge)).isInstanceOf(ApiException.class)
                .hasMessageContaining("at most " + ScannedForm.MAX_BYTES);
    }
}
