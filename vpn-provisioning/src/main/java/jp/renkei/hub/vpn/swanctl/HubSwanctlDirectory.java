package jp.renkei.hub.vpn.swanctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The hub side's swanctl directory: swanctl.conf, conf.d/ (one file per site), x509ca/, x509crl/, x509/ and
 * private/. Every file is replaced atomically (written beside, then renamed), so strongSwan never loads half a
 * file; the private key is created readable by the hub's user only.
 */
public record HubSwanctlDirectory(Path path) {

    public HubSwanctlDirectory {
        path = path.toAbsolutePath().normalize();
    }

    public Path siteFile(String connectionName) {
        return path.resolve("conf.d").resolve(connectionName + ".conf");
    }

    public Path caFile() {
        return path.resolve("x509ca").resolve(SwanctlGenerator.CA_FILE);
    }

    public Path crlFile() {
        return path.resolve("x509crl").resolve(SwanctlGenerator.CRL_FILE);
    }

    public Path hubCertificateFile() {
        return path.resolve("x509").resolve(SwanctlGenerator.HUB_CERT_FILE);
    }

    public Path hubKeyFile() {
        return path.resolve("private").resolve(SwanctlGenerator.HUB_KEY_FILE);
    }

    public Path mainFile() {
        return path.resolve("swanctl.conf");
    }

    /** The connection names of the site files present now. */
    public Set<String> siteConnections() {
        Path dir = path.resolve("conf.d");
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith("site-") && name.endsWith(".conf"))
                    .map(name -> name.substring(0, name.length() - ".conf".length()))
                    .collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    public void write(Path file, String content) {
        write(file, content, "rw-r--r--");
    }

    public void writePrivate(Path file, String content) {
        write(file, content, "rw-------");
    }

    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    private static void write(Path file, String content, String permissions) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
                return;
            }
            Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
            try {
                Files.writeString(temporary, content, StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * Every credential directory swanctl --load-all opens (strongSwan 5.9): missing ones are reported as
     * "opening directory … failed" on every load, which would bury real warnings.
     */
    public static final List<String> CREDENTIAL_DIRECTORIES = List.of("x509", "x509ca", "x509ocsp", "x509aa", "x509ac",
            "x509crl", "pubkey", "private", "rsa", "ecdsa", "bliss", "pkcs8", "pkcs12");

    /** Creates conf.d and every credential directory (private/ readable by the hub's user only). */
    public void createDirectories() {
        try {
            Files.createDirectories(path.resolve("conf.d"));
            for (String name : CREDENTIAL_DIRECTORIES) {
                Path dir = path.resolve(name);
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    if (name.equals("private") || name.equals("pkcs8") || name.equals("pkcs12")
                            || name.equals("rsa") || name.equals("ecdsa") || name.equals("bliss")) {
                        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + path, e);
        }
    }
}
