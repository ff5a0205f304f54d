package jp.renkei.hub.core.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The directory {@code ${renkei.home}/pki} with the CA's and the TLS server's key and certificate. Files are
 * replaced atomically, so a crash never leaves half a key; private keys are readable by the hub's user only.
 */
record PkiDirectory(Path path) {

    PkiDirectory {
        path = path.toAbsolutePath().normalize();
    }

    Path caKey() {
        return path.resolve("ca.key");
    }

    Path caCertificate() {
        return path.resolve("ca.crt");
    }

    Path serverKey() {
        return path.resolve("server.key");
    }

    Path serverCertificate() {
        return path.resolve("server.crt");
    }

    Path anchorKey() {
        return path.resolve("audit-anchor.key");
    }

    Path anchorCertificate() {
        return path.resolve("audit-anchor.crt");
    }

    X509Certificate readCertificate(Path file) {
        return Pem.parseCertificate(read(file));
    }

    PrivateKey readPrivateKey(Path file) {
        return Pem.parsePrivateKey(read(file));
    }

    void writeCertificate(Path file, X509Certificate certificate) {
        write(file, Pem.certificate(certificate), "rw-r--r--");
    }

    void writePrivateKey(Path file, PrivateKey key) {
        write(file, Pem.privateKey(key), "rw-------");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private void write(Path file, String content, String permissions) {
        try {
            if (!Files.isDirectory(path)) {
                Files.createDirectories(path.getParent());
                // Only pki/ itself is private: renkei.home also holds logs and data owned by other parts of the hub.
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            // Created with its final permissions before any byte is written: a key is never world-readable.
            Path temporary = Files.createTempFile(path, file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
            try {
                Files.writeString(temporary, content, StandardCharsets.US_ASCII);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
