package jp.renkei.hub.vpn.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jp.renkei.hub.vpn.status.IkeSa;

/**
 * One charon-systemd inside a network namespace, with its own strongswan.conf, VICI socket and log (the recipe of
 * ../shared/reference/ipsec-e2e.sh). Uses kernel-libipsec (userspace ESP over a TUN device): this machine's kernel
 * has no ESP, and it keeps every SA and policy inside the namespace.
 */
public final class Charon implements AutoCloseable {

    private final String namespace;
    private final Path home;
    private final Process process;

    private Charon(String namespace, Path home, Process process) {
        this.namespace = namespace;
        this.home = home;
        this.process = process;
    }

    public static Charon start(String namespace, Path home) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("strongswan.conf"), """
                charon-systemd {
                  load = random nonce openssl pem pkcs1 pkcs8 pkcs12 x509 revocation constraints pubkey aes sha1 sha2 hmac gcm kdf kernel-libipsec kernel-netlink socket-default vici
                  retransmit_tries = 3
                  retransmit_timeout = 1.0
                  plugins { vici { socket = unix://%1$s/charon.vici } }
                  journal { default = -1 }
                  filelog { f { path = %1$s/charon.log
                                time_format = %%T
                                default = 1
                                ike = 2
                                cfg = 2
                                flush_line = yes } }
                }
                swanctl { load = pem pkcs1 pkcs8 pkcs12 x509 pubkey openssl random }
                """.formatted(home));
        Process process = new ProcessBuilder("ip", "netns", "exec", namespace, "env",
                "STRONGSWAN_CONF=" + home.resolve("strongswan.conf"), Root.CHARON.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("stdout").toFile()).start();
        Path socket = home.resolve("charon.vici");
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(100);
        }
        if (!Files.exists(socket)) {
            process.destroyForcibly();
            throw new IllegalStateException("charon in " + namespace + " did not start: " + Files.readString(home.resolve("stdout")));
        }
        return new Charon(namespace, home, process);
    }

    public String viciUri() {
        return "unix://" + home.resolve("charon.vici");
    }

    /** swanctl in the namespace, against this charon, with the given swanctl directory (or none). */
    public Shell.Result swanctl(Path swanctlDirectory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "swanctl"));
        command.addAll(List.of(arguments));
        command.add("--uri");
        command.add(viciUri());
        return Shell.run(command, swanctlDirectory == null
                ? Map.of("STRONGSWAN_CONF", home.resolve("strongswan.conf").toString())
                : Map.of("STRONGSWAN_CONF", home.resolve("strongswan.conf").toString(),
                        "SWANCTL_DIR", swanctlDirectory.toString()));
    }

    /** Waits (20 s at most) until this charon has an ESTABLISHED IKE SA with an INSTALLED CHILD SA. */
    public void awaitInstalled(Path swanctlDirectory) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String sas = swanctl(swanctlDirectory, "--list-sas").output();
            if (sas.contains("ESTABLISHED") && sas.contains("INSTALLED")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("tunnel did not come up:\n" + swanctl(swanctlDirectory, "--list-sas").output()
                + "\n" + log());
    }

    /** The connection's ESTABLISHED IKE SA among {@code sas} (as the operator's status parser read them). */
    public static Optional<IkeSa> established(List<IkeSa> sas, String connection) {
        return sas.stream().filter(sa -> sa.connection().equals(connection) && "ESTABLISHED".equals(sa.state()))
                .findFirst();
    }

    public String log() {
        try {
            return Files.exists(home.resolve("charon.log")) ? Files.readString(home.resolve("charon.log")) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
