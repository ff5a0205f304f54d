package jp.renkei.hub.regional.pathway;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The pathway templates the hub ships ({@code classpath*:pathway-templates/*.json}), read and checked when the hub
 * starts, before any request: a bad file, two files of the same code and version, or a file changed under a
 * version already stored stop the start with the file and the problem. Every version is kept in
 * {@code hub.pathway_template} (the hub's own table rather than FHIR PlanDefinition, which the FHIR surface does
 * not offer), so a pathway keeps the version it was started from when a later release ships a new one.
 */
@Component
public class PathwayTemplates implements InitializingBean {

    static final String LOCATION = "classpath*:pathway-templates/*.json";
    private static final Logger log = LoggerFactory.getLogger(PathwayTemplates.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Map<String, PathwayTemplate> byKey = Map.of();
    private volatile List<PathwayTemplate> current = List.of();

    PathwayTemplates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
        Arrays.sort(files, Comparator.comparing(Resource::getFilename));
        List<PathwayTemplate> shipped = new ArrayList<>();
        Map<String, String> fileOf = new HashMap<>();
        for (Resource file : files) {
            byte[] bytes;
            try (InputStream in = file.getInputStream()) {
                bytes = in.readAllBytes();
            }
            PathwayTemplate template = TemplateFile.read(file.getFilename(), bytes);
            String previous = fileOf.putIfAbsent(key(template.code(), template.version()), file.getFilename());
            if (previous != null) {
                throw new InvalidTemplate(file.getFilename(), "code", "'" + template.code() + "' version "
                        + template.version() + " is also in " + previous);
            }
            store(file.getFilename(), template, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            shipped.add(template);
        }
        Map<String, PathwayTemplate> all = new HashMap<>();
        for (String[] stored : jdbc.sql("SELECT source, definition::text FROM hub.pathway_template")
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
            PathwayTemplate template = TemplateFile.read(stored[0], stored[1].getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            all.put(key(template.code(), template.version()), template);
        }
        shipped.forEach(t -> all.put(key(t.code(), t.version()), t));
        Map<String, PathwayTemplate> newest = new HashMap<>();
        shipped.forEach(t -> newest.merge(t.code(), t, (a, b) -> a.version() >= b.version() ? a : b));
        byKey = Map.copyOf(all);
        current = newest.values().stream().sorted(Comparator.comparing(PathwayTemplate::title)).toList();
        log.info("Pathway templates: {}", current.stream().map(t -> t.code() + " v" + t.version()).toList());
    }

    /** Stores a version the first time; a stored version whose file has changed since refuses the start. */
    private void store(String file, PathwayTemplate template, String text) {
        Optional<String> digest = jdbc.sql("SELECT digest FROM hub.pathway_template WHERE code = :code"
                        + " AND version = :version").param("code", template.code())
                .param("version", template.version()).query(String.class).optional();
        if (digest.isEmpty()) {
            jdbc.sql("INSERT INTO hub.pathway_template (code, version, title, definition, digest, source, loaded_at)"
                            + " VALUES (:code, :version, :title, CAST(:definition AS jsonb), :digest, :source, :at)"
                            + " ON CONFLICT DO NOTHING")
                    .param("code", template.code()).param("version", template.version())
                    .param("title", template.title()).param("definition", text).param("digest", template.digest())
                    .param("source", file).param("at", Timestamp.from(clock.instant())).update();
        } else if (!digest.get().equals(template.digest())) {
            throw new InvalidTemplate(file, "version", "'" + template.code() + "' version " + template.version()
                    + " is stored already with other content: give the changed template a new version");
        }
    }

    /** The newest shipped version of each template, by title. */
    public List<PathwayTemplate> current() {
        return current;
    }

    public Optional<PathwayTemplate> current(String code) {
        return current.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    /** The version a pathway was started from (also one no longer shipped). */
    public PathwayTemplate version(String code, int version) {
        PathwayTemplate template = byKey.get(key(code, version));
        if (template == null) {
            throw new IllegalStateException("pathway template " + code + " v" + version + " is not stored");
        }
        return template;
    }

    private static String key(String code, int version) {
        return code + "|" + version;
    }
}
