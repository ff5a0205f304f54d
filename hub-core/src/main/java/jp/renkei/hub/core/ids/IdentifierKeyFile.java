package jp.renkei.hub.core.ids;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * A secret key in a file, Base64: created on first use (256 bits from {@link java.security.SecureRandom}) in a
 * directory only the hub's user may enter, with mode 600, and written atomically, so that a crash never leaves
 * half a key; read as it is afterwards. Losing the file changes every value made with the key: back it up with the
 * database.
 */
public final class IdentifierKeyFile {

    private IdentifierKeyFile() {
    }

    public static byte[] readOrCreate(Path file) {
        Path target = file.toAbsolutePath().normalize();
        try {
            if (!Files.exists(target)) {
                create(target);
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(target, StandardCharsets.US_ASCII).strip());
            if (key.length < HubKeyedIds.KEY_BYTES) {
                throw new IllegalStateException("the key in " + target + " has " + key.length + " bytes, fewer than "
                        + HubKeyedIds.KEY_BYTES);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + target, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the key file " + target + " is not Base64", e);
        }
    }

    private static void create(Path target) throws IOException {
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory.getParent());
            try {
                // Only this directory is private: renkei.home also holds logs and data of other parts of the hub.
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException raced) {
                // another process created it first; its permissions are its own
            }
        }
        // Created with its final permissions before any byte is written: the key is never readable by others.
        Path temporary = Files.createTempFile(directory, target.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(HubKeyedIds.randomKey()),
                    StandardCharsets.US_ASCII);
            // No REPLACE_EXISTING: a key another process has just created wins, so both use the same one.
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            // keep the existing key
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
