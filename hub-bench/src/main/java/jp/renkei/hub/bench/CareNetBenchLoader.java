package jp.renkei.hub.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import jp.renkei.hub.app.RenkeiHubApplication;
import jp.renkei.hub.carenet.room.RoomApplication;
import jp.renkei.hub.carenet.room.Rooms;
import jp.renkei.hub.consent.ScannedForm;
import jp.renkei.hub.core.auth.AccountCredentials;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.PersonAccounts;
import jp.renkei.hub.core.person.PersonInvitation;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills a bench home with two care-net rooms, in-process: the hub's Spring context on the home (embedded
 * PostgreSQL), a care manager of the demo care office applies for both rooms through {@link Rooms} with a visiting
 * nurse and a doctor of the demo clinic as members, the support centre approves, and the posts go straight into
 * {@code hub.care_post} in JDBC batches of 1,000 (asynchronous commit: a throw-away load), spread over the last
 * two years, written in turn by the three members, with the other two members' read receipts on nine posts in
 * ten. The context is closed afterwards so the packaged hub can start on the same home.
 */
final class CareNetBenchLoader {

    static final String PASSWORD = "Bench-carenet-2026";
    private static final int BATCH = 1_000;

    private final Path home;
    private final int timelinePosts;
    private final int searchPosts;
    private final PrintStream out;

    CareNetBenchLoader(Path home, int timelinePosts, int searchPosts, PrintStream out) {
        this.home = home;
        this.timelinePosts = timelinePosts;
        this.searchPosts = searchPosts;
        this.out = out;
    }

    CareNetBenchData load() throws Exception {
        Files.createDirectories(home);
        System.setProperty("renkei.home", home.toString());
        System.setProperty("server.port", "0");
        System.setProperty("renkei.demo.enabled", "true");
        System.setProperty("renkei.fhir.ig-packages", "");
        System.setProperty("renkei.dicom.enabled", "false");
        System.setProperty("spring.datasource.hikari.connection-init-sql", "SET synchronous_commit TO off");
        System.setProperty("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RenkeiHubApplication.class)
                .properties("logging.level.root=WARN").run();
        try {
            FacilityRegistry registry = context.getBean(FacilityRegistry.class);
            Facility careOffice = facility(registry, "ケアプランセンターみらい");
            Facility clinic = facility(registry, "あいづ内科クリニック");
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            Person careManager = invite(context, careOffice, "carenet-bench-cm-" + suffix, "ベンチ ケアマネ", Profession.CARE_MANAGER);
            Person nurse = invite(context, clinic, "carenet-bench-ns-" + suffix, "ベンチ 看護師", Profession.VISITING_NURSE);
            Person doctor = invite(context, clinic, "carenet-bench-dr-" + suffix, "ベンチ 医師", Profession.DOCTOR);
            Rooms rooms = context.getBean(Rooms.class);
            Requester applicant = new Requester(new HubPrincipal(HubPrincipal.Kind.PERSON, careManager.id(),
                    careManager.name(), careOffice.id(), Set.of(HubRole.CARE_MANAGER)), PurposeOfUse.TREAT);
            Requester supportCentre = new Requester(new HubPrincipal(HubPrincipal.Kind.PERSON, "carenet-bench",
                    "ベンチ 支援センター", null, Set.of(HubRole.HUB_ADMIN)), PurposeOfUse.TREAT);
            long started = System.nanoTime();
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            List<Person> authors = List.of(careManager, nurse, doctor);
            String timelineRoom = room(rooms, applicant, supportCentre, "時系列 ベンチ", nurse, doctor, clinic);
            insertPosts(jdbc, UUID.fromString(timelineRoom), timelinePosts, authors, new SplittableRandom(5_000));
            String searchRoom = room(rooms, applicant, supportCentre, "検索 ベンチ", nurse, doctor, clinic);
            insertPosts(jdbc, UUID.fromString(searchRoom), searchPosts, authors, new SplittableRandom(100_000));
            jdbc.execute("ANALYZE hub.care_post");
            jdbc.execute("ANALYZE hub.care_read_receipt");
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "carenet-bench: %d + %d posts loaded in %.1f s (%.0f posts/s)%n", timelinePosts,
                    searchPosts, seconds, (timelinePosts + searchPosts) / seconds);
            CareNetBenchData data = new CareNetBenchData(careManager.login(), PASSWORD, careOffice.id(), timelineRoom,
                    timelinePosts, searchRoom, searchPosts, nurse.id(), seconds);
            data.save(home);
            return data;
        } finally {
            context.close();
            System.clearProperty("spring.datasource.hikari.connection-init-sql");
            System.clearProperty("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts");
        }
    }

    private record Person(String id, String login, String name, String profession) {
    }

    private static Facility facility(FacilityRegistry registry, String name) {
        return registry.list(null, null, null).stream().filter(f -> name.equals(f.details().name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("demo facility " + name + " missing"));
    }

    private static Person invite(ConfigurableApplicationContext context, Facility facility, String login, String name,
                                 Profession profession) {
        var invited = context.getBean(PersonAccounts.class).invite(facility.id(),
                new PersonInvitation(login, login + "@example.jp", name, "ベンチ", profession, false),
                new HubPrincipal(HubPrincipal.Kind.PERSON, "carenet-bench", "ベンチ", null, Set.of(HubRole.HUB_ADMIN)));
        context.getBean(AccountCredentials.class).activate(login, invited.activationCode(), PASSWORD);
        return new Person(invited.person().id(), login, name, profession.name());
    }

    /** A room applied for and approved through the care-net services; its ID. */
    private static String room(Rooms rooms, Requester applicant, Requester supportCentre, String patient, Person nurse,
                               Person doctor, Facility clinic) {
        Rooms.RoomDetails applied = rooms.apply(new RoomApplication(patient, null, null, null,
                List.of(new RoomApplication.ProposedMember(nurse.id(), clinic.id()),
                        new RoomApplication.ProposedMember(doctor.id(), clinic.id())), nurse.id(),
                ScannedForm.of("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                applicant);
        rooms.decide(applied.room().id(), true, null, supportCentre);
        return applied.room().id().toString();
    }

    private void insertPosts(JdbcTemplate jdbc, UUID room, int count, List<Person> authors, SplittableRandom random) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long spanMicros = Duration.ofDays(730).toNanos() / 1000;
        List<Object[]> posts = new ArrayList<>(BATCH);
        List<Object[]> receipts = new ArrayList<>(2 * BATCH);
        for (int i = 0; i < count; i++) {
            // evenly spread from two years ago to a minute ago, oldest first
            Instant at = now.minus(spanMicros - spanMicros * i / count + 60_000_000L, ChronoUnit.MICROS);
            Person author = authors.get(i % authors.size());
            UUID id = UUID.randomUUID();
            posts.add(new Object[] {id, room, author.id(), author.name(), author.profession(), CareNetNotes.title(random),
                CareNetNotes.body(random), CareNetNotes.entries(random), random.nextInt(4) == 0, Timestamp.from(at)});
            for (Person reader : authors) {
                if (!reader.equals(author) && random.nextInt(10) != 0) {
                    receipts.add(new Object[] {id, reader.id(), Timestamp.from(at.plus(3, ChronoUnit.HOURS))});
                }
            }
            if (posts.size() == BATCH || i == count - 1) {
                jdbc.batchUpdate("INSERT INTO hub.care_post (id, room_id, author_id, author_name, author_profession,"
                        + " title, body, entries, shared_with_family, created_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                        + " CAST(? AS jsonb), ?, ?)", posts);
                jdbc.batchUpdate("INSERT INTO hub.care_read_receipt (post_id, person_id, read_at) VALUES (?, ?, ?)",
                        receipts);
                posts.clear();
                receipts.clear();
                if ((i + 1) % 20_000 == 0) {
                    out.printf(Locale.ROOT, "carenet-bench: %d posts of room %s%n", i + 1, room);
                }
            }
        }
        jdbc.update("UPDATE hub.care_room SET last_activity_at = ? WHERE id = ?", Timestamp.from(now), room);
    }
}
