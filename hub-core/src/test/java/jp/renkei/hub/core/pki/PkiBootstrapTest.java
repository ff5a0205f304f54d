package jp.renkei.hub.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class PkiBootstrapTest {

    @TempDir
    Path home;

    @Test
    void createsCaAndServerCertificateAndDefinesTheHubSslBundleOnThem() throws Exception {
        MockEnvironment environment = bootstrap("hub.example.jp,127.0.0.1");

        Path pki = home.resolve("pki");
        assertThat(bundleFile(environment, "keystore.certificate")).isEqualTo(pki.resolve("server.crt"));
        assertThat(bundleFile(environment, "keystore.private-key")).isEqualTo(pki.resolve("server.key"));
        assertThat(bundleFile(environment, "truststore.certificate")).isEqualTo(pki.resolve("ca.crt"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("server.key"))))
                .isEqualTo("rw-------");
        X509Certificate server = serverCertificate();
        server.verify(caCertificate().getPublicKey());
        assertThat(server.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "hub.example.jp"), List.of(7, "127.0.0.1"));
    }

    @Test
    void explicitBundleConfigurationWins() throws Exception {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("renkei.home", home.toString())
                .withProperty(PkiBootstrap.BUNDLE + ".keystore.certificate", "file:/etc/hub/own.crt");

        new PkiBootstrap(log -> log.get()).postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(PkiBootstrap.BUNDLE + ".keystore.certificate")).isEqualTo("file:/etc/hub/own.crt");
        assertThat(bundleFile(environment, "truststore.certificate")).isEqualTo(home.resolve("pki/ca.crt"));
        assertThat(environment.getPropertySources().stream().toList().get(environment.getPropertySources().size() - 1)
                .getName()).isEqualTo(PkiBootstrap.PROPERTY_SOURCE);
    }

    @Test
    void keepsACurrentServerCertificateAndReissuesItWhenTheHostNamesChange() throws Exception {
        bootstrap("hub.example.jp,10.0.0.5");
        X509Certificate first = serverCertificate();
        X509Certificate ca = caCertificate();

        bootstrap("10.0.0.5, hub.example.jp");
        assertThat(serverCertificate()).isEqualTo(first);

        bootstrap("hub.example.jp,hub2.example.jp");
        X509Certificate reissued = serverCertificate();
        assertThat(reissued.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(reissued.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "hub.example.jp"), List.of(2, "hub2.example.jp"));
        assertThat(caCertificate()).isEqualTo(ca);
        reissued.verify(ca.getPublicKey());
    }

    @Test
    void reissuesTheServerCertificateWithin30DaysOfExpiryOrWhenItsKeyIsMissing() throws Exception {
        bootstrap("localhost");
        X509Certificate first = serverCertificate();
        HubCertificateAuthority in701Days = HubCertificateAuthority.open(TestKeys.settings(home, "localhost"),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(701)));
        HubCertificateAuthority in699Days = HubCertificateAuthority.open(TestKeys.settings(home, "localhost"),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(699)));

        assertThat(HubServerCertificate.ensureCurrent(in699Days, List.of("localhost"))).isEmpty();
        assertThat(HubServerCertificate.ensureCurrent(in701Days, List.of("localhost"))).get().asString().contains("expires");
        X509Certificate renewed = serverCertificate();
        assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());

        Files.delete(home.resolve("pki/server.key"));
        bootstrap("localhost");
        assertThat(serverCertificate().getSerialNumber()).isNotEqualTo(renewed.getSerialNumber());
        assertThat(home.resolve("pki/server.key")).exists();
    }

    @Test
    void doesNothingWhenTlsIsDisabled() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("renkei.home", home.toString())
                .withProperty("renkei.tls.enabled", "false");

        new PkiBootstrap(log -> log.get()).postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(PkiBootstrap.PROPERTY_SOURCE)).isFalse();
        assertThat(home.resolve("pki")).doesNotExist();
    }

    private MockEnvironment bootstrap(String hostNames) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("renkei.home", home.toString())
                .withProperty("renkei.tls.host-names", hostNames);
        new PkiBootstrap(log -> log.get()).postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static Path bundleFile(MockEnvironment environment, String property) {
        return Path.of(URI.create(environment.getProperty(PkiBootstrap.BUNDLE + "." + property)));
    }

    private X509Certificate serverCertificate() {
        return new PkiDirectory(home.resolve("pki")).readCertificate(home.resolve("pki/server.crt"));
    }

    private X509Certificate caCertificate() {
        return new PkiDirectory(home.resolve("pki")).readCertificate(home.resolve("pki/ca.crt"));
    }
}
