package jp.renkei.hub.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@link CareNetBenchLoader} left in the bench home: the measured person (the rooms' applicant, a care
 * manager of the demo care office, password login), the two rooms and who wrote in them.
 */
record CareNetBenchData(String login, String password, String careOfficeId, String timelineRoom, int timelinePosts,
                        String searchRoom, int searchPosts, String nurseId, double loadSeconds) {

    static final String FILE = "carenet-bench.properties";

    void save(Path home) throws IOException {
        Properties p = new Properties();
        p.setProperty("login", login);
        p.setProperty("password", password);
        p.setProperty("careOfficeId", careOfficeId);
        p.setProperty("timelineRoom", timelineRoom);
        p.setProperty("timelinePosts", Integer.toString(timelinePosts));
        p.setProperty("searchRoom", searchRoom);
        p.setProperty("searchPosts", Integer.toString(searchPosts));
        p.setProperty("nurseId", nurseId);
        p.setProperty("loadSeconds", Double.toString(loadSeconds));
        try (Writer writer = Files.newBufferedWriter(home.resolve(FILE))) {
            p.store(writer, "hub-bench care-net data");
        }
    }

    static Optional<CareNetBenchData> read(Path home) throws IOException {
        Path file = home.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        }
        return Optional.of(new CareNetBenchData(p.getProperty("login"), p.getProperty("password"),
                p.getProperty("careOfficeId"), p.getProperty("timelineRoom"),
                Integer.parseInt(p.getProperty("timelinePosts")), p.getProperty("searchRoom"),
                Integer.parseInt(p.getProperty("searchPosts")), p.getProperty("nurseId"),
                Double.parseDouble(p.getProperty("loadSeconds"))));
    }
}
