package jp.renkei.hub.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** What the views benchmark loaded into its home, kept in {@code views-bench.properties} so reruns skip loading. */
record ViewsBenchData(List<String> eventNumbers, long resources, double loadSeconds, String login, String password,
                      String careOfficeId) {

    static final String FILE = "views-bench.properties";

    void save(Path home) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("eventNumbers", String.join(",", eventNumbers));
        properties.setProperty("resources", Long.toString(resources));
        properties.setProperty("loadSeconds", Double.toString(loadSeconds));
        properties.setProperty("login", login);
        properties.setProperty("password", password);
        properties.setProperty("careOfficeId", careOfficeId);
        try (Writer writer = Files.newBufferedWriter(home.resolve(FILE))) {
            properties.store(writer, "hub-bench views data");
        }
    }

    static Optional<ViewsBenchData> read(Path home) throws IOException {
        Path file = home.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return Optional.of(new ViewsBenchData(Arrays.asList(properties.getProperty("eventNumbers").split(",")),
                Long.parseLong(properties.getProperty("resources")), Double.parseDouble(properties.getProperty("loadSeconds")),
                properties.getProperty("login"), properties.getProperty("password"), properties.getProperty("careOfficeId")));
    }
}
