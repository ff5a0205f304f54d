package jp.renkei.hub.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentifierKeyFileTest {

    @TempDir
    Path home;

    @Test
    void createdOnceOwnerOnlyAndReadBackUnchanged() throws Exception {
        Path file = home.resolve("ids/identifier.key");

        byte[] created = IdentifierKeyFile.readOrCreate(file);

        assertThat(created).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(IdentifierKeyFile.readOrCreate(file)).isEqualTo(created);
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
        assertThat(IdentifierKeyFile.readOrCreate(home.resolve("other/identifier.key"))).isNotEqualTo(created);
    }

    @Test
    void aShortOrGarbledKeyIsRefused() throws Exception {
        Path file = home.resolve("short.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> IdentifierKeyFile.readOrCreate(file)).hasMessageContaining("16 bytes");
        Files.writeString(file, "not base64 !");
        assertThatThrownBy(() -> IdentifierKeyFile.readOrCreate(file)).hasMessageContaining("not Base64");
    }
}
