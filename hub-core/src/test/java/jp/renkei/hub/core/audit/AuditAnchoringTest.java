package jp.renkei.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jp.renkei.hub.core.audit.AuditViolation.Kind;
import jp.renkei.hub.core.pki.HubCertificateAuthority;
import jp.renkei.hub.core.pki.PkiSettings;
import jp.renkei.hub.core.pki.StatementSigner;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Anchoring against the real database and files: each test has its own anchor directories (the database is
 * shared, so each works with the rows it appended), tampering happens in rolled-back transactions as in
 * {@link AuditTamperingTest}, and openssl checks a signature the way an auditor would.
 */
@HubCoreTest
class AuditAnchoringTest {

    @Autowired
    JdbcAuditTrail trail;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    StatementSigner signer;
    @Autowired
    HubCertificateAuthority ca;

    @TempDir
    Path temp;

    AuditAnchorFiles files;
    AuditAnchoring anchoring;
    AuditVerifier verifier;

    @BeforeEach
    void ownAnchorDirectories() {
        files = new AuditAnchorFiles(temp.resolve("audit-anchors"), temp.resolve("worm"));
        anchoring = anchoring(Duration.ofMinutes(5));
        verifier = new AuditVerifier(dataSource, transactions, files, signer);
    }

    @Test
    void anAnchorNamesTheChainsHeadInBothDirectoriesAndVerificationPasses() throws IOException {
        long last = appendEvents(3);

        AuditAnchor anchor = anchoring.anchorNow().orElseThrow();

        assertThat(anchor.seq()).isEqualTo(last);
        assertThat(anchor.hash()).isEqualTo(hashOf(last));
        String fileName = anchor.anchoredAt().atOffset(ZoneOffset.UTC).toLocalDate() + ".anchors";
        assertThat(Files.readAllLines(temp.resolve("audit-anchors").resolve(fileName))).containsExactly(anchor.line());
        assertThat(Files.readAllLines(temp.resolve("worm").resolve(fileName))).containsExactly(anchor.line());
        assertThat(anchor.line()).startsWith("renkei-audit-anchor/1 seq=" + last + " hash=" + anchor.hash() + " at=");

        assertThat(anchoring.anchorNow()).as("the chain has not advanced").isEmpty();
        appendEvents(1);
        assertThat(anchoring.anchorIfDue()).as("the last anchor is younger than the interval").isEmpty();

        AuditVerification verification = verifier.verify();
        assertThat(verification.violations()).isEmpty();
        assertThat(verification.anchorsChecked()).isEqualTo(1);
        assertThat(verification.lastAnchoredSeq()).isEqualTo(last);
    }

    @Test
    void anAnchorIsDueOnceTheIntervalHasPassedOnAnyNode() throws InterruptedException {
        AuditAnchoring quick = anchoring(Duration.ofSeconds(3));
        appendEvents(1);
        quick.anchorNow().orElseThrow();
        long last = appendEvents(1);

        // Another node, sharing the database, finds the anchor just made and waits for the interval too.
        AuditAnchoring otherNode = new AuditAnchoring(jdbc, transactions, signer,
                new AuditAnchorFiles(temp.resolve("other-node"), null), properties(Duration.ofSeconds(3)), trail);
        assertThat(otherNode.anchorIfDue()).isEmpty();
        TimeUnit.MILLISECONDS.sleep(3100);

        assertThat(otherNode.anchorIfDue()).map(AuditAnchor::seq).contains(last);
        assertThat(quick.anchorIfDue()).as("made by the other node already").isEmpty();
    }

    @Test
    void aNodeSkipsTheRoundWhileAnotherHoldsTheAnchoringLock() {
        appendEvents(1);
        TransactionTemplate otherNode = new TransactionTemplate(transactions);
        Optional<AuditAnchor> whileLocked = otherNode.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", AuditAnchoring.ANCHOR_LOCK_KEY).query().singleRow();
            return anchoring.anchorNow();
        });

        assertThat(whileLocked).isEmpty();
        assertThat(anchoring.anchorNow()).isPresent();
    }

    @Test
    void stoppingTheHubAnchorsTheLastEvents() {
        AuditAnchoring running = anchoring(Duration.ofMinutes(5));
        running.start();
        long last = appendEvents(2);

        running.stop();

        assertThat(running.isRunning()).isFalse();
        assertThat(files.readAll()).singleElement()
                .satisfies(found -> assertThat(AuditAnchor.parse(found.line()).seq()).isGreaterThanOrEqualTo(last));
    }

    @Test
    void deletingTheNewestRowsIsReportedNamingTheAnchor() {
        long first = appendEvents(5) - 4;
        AuditAnchor anchor = anchoring.anchorNow().orElseThrow();
        long kept = first + 1;

        AuditVerification verification = tamperedAndVerified(verifier::verify,
                "DELETE FROM hub.audit_event WHERE seq > " + kept);

        assertThat(verification.ok()).isFalse();
        assertThat(verification.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.ANCHORED_ROW_MISSING);
            assertThat(v.seq()).isEqualTo(anchor.seq());
            assertThat(v.message())
                    .startsWith("anchor of " + anchor.anchoredAt() + " (")
                    .contains("names row " + anchor.seq() + " with hash " + anchor.hash())
                    .endsWith("the table ends at row " + kept);
        });
        AuditVerification chainOnly = tamperedAndVerified(new AuditVerifier(dataSource, transactions)::verify,
                "DELETE FROM hub.audit_event WHERE seq > " + kept);
        assertThat(chainOnly.ok()).as("without anchors the cut is invisible").isTrue();
        assertThat(verifier.verify().ok()).as("rolled back").isTrue();
    }

    @Test
    void aChainRewrittenUpToTheAnchoredRowIsReported() {
        long last = appendEvents(2);
        AuditAnchor anchor = anchoring.anchorNow().orElseThrow();

        AuditVerification verification = tamperedAndVerified(verifier::verify,
                "UPDATE hub.audit_event SET hash = '" + "a".repeat(64) + "' WHERE seq = " + last);

        assertThat(verification.violations()).filteredOn(v -> v.kind() == Kind.ANCHORED_ROW_DIFFERS).singleElement()
                .satisfies(v -> assertThat(v.message()).endsWith("the row's hash is " + "a".repeat(64)));
        assertThat(anchor.seq()).isEqualTo(last);
    }

    @Test
    void aTamperedOrForeignAnchorIsReportedAsForged() throws IOException {
        long first = appendEvents(2) - 1;
        AuditAnchor anchor = anchoring.anchorNow().orElseThrow();
        Path file = temp.resolve("audit-anchors")
                .resolve(anchor.anchoredAt().atOffset(ZoneOffset.UTC).toLocalDate() + ".anchors");
        // The line rewritten to name the row before, with that row's hash: the signature no longer fits.
        String rewritten = anchor.line().replace("seq=" + anchor.seq() + " hash=" + anchor.hash(),
                "seq=" + first + " hash=" + hashOf(first));
        // A well-formed anchor signed by a CA other than this hub's.
        PkiSettings otherHub = new PkiSettings(temp.resolve("other-hub"), "Other", Duration.ofDays(30), false, List.of());
        StatementSigner otherSigner = new StatementSigner(HubCertificateAuthority.open(otherHub, Clock.systemUTC()));
        String statement = AuditAnchor.statement(first, hashOf(first), anchor.anchoredAt());
        AuditAnchor foreign = new AuditAnchor(first, hashOf(first), anchor.anchoredAt(),
                otherSigner.sign(statement.getBytes(StandardCharsets.UTF_8)));
        Files.write(file, List.of(rewritten, foreign.line(), "seq=1 hash=0"));
        Files.delete(temp.resolve("worm").resolve(file.getFileName()));

        AuditVerification verification = verifier.verify();

        assertThat(verification.violations()).extracting(AuditViolation::seq, AuditViolation::kind)
                .containsExactly(tuple(0L, Kind.ANCHOR_FORGED),
                        tuple(first, Kind.ANCHOR_FORGED),
                        tuple(first, Kind.ANCHOR_FORGED));
        assertThat(verification.violations().get(0).message()).contains(":3 is not an audit anchor");
        assertThat(verification.violations()).extracting(AuditViolation::message)
                .anySatisfy(m -> assertThat(m).contains("signature does not match"))
                .anySatisfy(m -> assertThat(m).contains("not issued by the hub CA"));
        assertThat(verification.anchorsChecked()).isZero();
    }

    @Test
    void opensslVerifiesAnAnchorLineWithTheCaCertificateAsDocumented() throws Exception {
        appendEvents(1);
        AuditAnchor anchor = anchoring.anchorNow().orElseThrow();
        Path caFile = temp.resolve("ca.crt");
        Files.writeString(caFile, ca.certificatePem());
        Path anchorFile = temp.resolve("audit-anchors")
                .resolve(anchor.anchoredAt().atOffset(ZoneOffset.UTC).toLocalDate() + ".anchors");

        Process good = auditorChecks(anchorFile, caFile);
        assertThat(output(good)).contains("Verification successful")
                .contains("renkei-audit-anchor/1 seq=" + anchor.seq() + " hash=" + anchor.hash());
        assertThat(good.exitValue()).isZero();

        Files.writeString(anchorFile, anchor.line().replace(" hash=" + anchor.hash(), " hash=" + "b".repeat(64)) + "\n");
        Process bad = auditorChecks(anchorFile, caFile);
        assertThat(output(bad)).contains("Verification failure");
        assertThat(bad.exitValue()).isNotZero();
    }

    /** The commands of docs/operations.md "Audit anchoring", for the last line of the file. */
    private Process auditorChecks(Path anchorFile, Path caFile) throws IOException {
        String script = """
                set -e
                line=$(tail -n 1 "$1")
                printf '%s' "${line%% sig=*}" > anchor.txt
                printf '%s' "${line##* sig=}" | base64 -d > anchor.p7s
                openssl cms -verify -binary -inform DER -in anchor.p7s -content anchor.txt -CAfile "$2" -out /dev/null
                cat anchor.txt
                """;
        return new ProcessBuilder("bash", "-c", script, "auditor", anchorFile.toString(), caFile.toString())
                .directory(temp.toFile()).redirectErrorStream(true).start();
    }

    private static String output(Process process) throws Exception {
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return text;
    }

    private AuditAnchoring anchoring(Duration interval) {
        return new AuditAnchoring(jdbc, transactions, signer, files, properties(interval), trail);
    }

    private static AuditAnchorProperties properties(Duration interval) {
        return new AuditAnchorProperties(true, interval, null, null);
    }

    /** Appends n events and returns the last one's seq. */
    private long appendEvents(int n) {
        String actor = AuditEntries.unique("anchored");
        long last = 0;
        for (int i = 0; i < n; i++) {
            last = trail.record(AuditEntries.read(actor, "Patient/" + i));
        }
        return last;
    }

    private String hashOf(long seq) {
        return jdbc.sql("SELECT hash FROM hub.audit_event WHERE seq = :seq").param("seq", seq).query(String.class).single();
    }

    private AuditVerification tamperedAndVerified(Supplier<AuditVerification> verification, String... statements) {
        return SuperuserTampering.tamperedAndVerified(transactions, jdbc, verification, statements);
    }
}
