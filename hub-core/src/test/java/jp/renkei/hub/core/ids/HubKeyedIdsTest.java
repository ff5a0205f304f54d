package jp.renkei.hub.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class HubKeyedIdsTest {

    private static final byte[] KEY = key(1);

    @Test
    void sameKeyAndFieldsGiveTheSameValueAndAnotherKeyAnother() {
        HubKeyedIds ids = new HubKeyedIds(KEY);
        String value = ids.hex(20, "ingest-id", "0710100017", "H000001");

        assertThat(value).hasSize(40).matches("[0-9a-f]+");
        assertThat(new HubKeyedIds(KEY).hex(20, "ingest-id", "0710100017", "H000001")).isEqualTo(value);
        assertThat(new HubKeyedIds(key(2)).hex(20, "ingest-id", "0710100017", "H000001")).isNotEqualTo(value);
    }

    @Test
    void purposesAndFieldBoundariesSeparateValues() {
        HubKeyedIds ids = new HubKeyedIds(KEY);

        assertThat(ids.hex(16, "a", "x")).isNotEqualTo(ids.hex(16, "b", "x"));
        assertThat(ids.hex(16, "p", "ab", "c")).isNotEqualTo(ids.hex(16, "p", "a", "bc"));
        assertThat(ids.hex(16, "p", "x")).isEqualTo(ids.hex(32, "p", "x").substring(0, 32));
    }

    @Test
    void keyCheckNamesTheKey() {
        assertThat(new HubKeyedIds(KEY).keyCheck()).isEqualTo(new HubKeyedIds(KEY.clone()).keyCheck())
                .isNotEqualTo(new HubKeyedIds(key(3)).keyCheck());
    }

    @Test
    void shortKeysAndLengthsAreRefused() {
        assertThatThrownBy(() -> new HubKeyedIds(new byte[31])).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new HubKeyedIds(KEY).hex(33, "p")).hasMessageContaining("1 to 32");
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }
}
