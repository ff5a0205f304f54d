package jp.renkei.hub.core.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The PKI's configuration, read straight from the environment because {@link PkiBootstrap} needs it before any
 * bean exists; the CA bean reads it the same way, so both agree on every default.
 *
 * @param home           {@code renkei.home}, default {@code ${user.home}/.renkei}
 * @param organization   {@code renkei.pki.organization}: the O of the CA's subject, default "Renkei Hub"
 * @param deviceValidity {@code renkei.pki.device-validity-days}, default 397
 * @param tlsEnabled     {@code renkei.tls.enabled}: whether the hub serves HTTPS with its own server certificate
 * @param tlsHostNames   {@code renkei.tls.host-names}: names and IP addresses the server certificate is valid for
 */
public record PkiSettings(Path home, String organization, Duration deviceValidity, boolean tlsEnabled,
                          List<String> tlsHostNames) {

    public PkiSettings {
        home = home.toAbsolutePath().normalize();
        if (organization == null || organization.isBlank()) {
            throw new IllegalArgumentException("renkei.pki.organization must not be blank");
        }
        if (deviceValidity.isNegative() || deviceValidity.isZero()) {
            throw new IllegalArgumentException("renkei.pki.device-validity-days must be positive");
        }
        tlsHostNames = tlsHostNames.stream().map(String::strip).filter(name -> !name.isEmpty()).distinct().toList();
        if (tlsEnabled && tlsHostNames.isEmpty()) {
            throw new IllegalArgumentException("renkei.tls.host-names must name at least one host");
        }
    }

    public static PkiSettings from(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        return new PkiSettings(
                Path.of(binder.bind("renkei.home", String.class)
                        .orElseGet(() -> System.getProperty("user.home") + "/.renkei")),
                binder.bind("renkei.pki.organization", String.class).orElse("Renkei Hub"),
                Duration.ofDays(binder.bind("renkei.pki.device-validity-days", Integer.class).orElse(397)),
                binder.bind("renkei.tls.enabled", Boolean.class).orElse(true),
                binder.bind("renkei.tls.host-names", Bindable.listOf(String.class)).orElseGet(PkiSettings::localHostNames));
    }

    PkiDirectory directory() {
        return new PkiDirectory(home.resolve("pki"));
    }

    /** What a client on this machine or the local network typically dials: loopback names and the host name. */
    private static List<String> localHostNames() {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // A machine whose own name does not resolve is reached by loopback or configured names only.
        }
        return names;
    }
}
