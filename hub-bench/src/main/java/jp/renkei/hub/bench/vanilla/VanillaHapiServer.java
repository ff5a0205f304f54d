package jp.renkei.hub.bench.vanilla;

import java.nio.file.Files;
import java.nio.file.Path;

import ca.uhn.fhir.rest.server.RestfulServer;
import jp.renkei.hub.app.database.EmbeddedDatabaseProperties;
import jp.renkei.hub.app.database.EmbeddedPostgresServer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A vanilla HAPI FHIR JPA server (R4), the benchmark's same-run peer of the hub: {@link VanillaHapiConfig} in a
 * plain Spring context, served over plain HTTP by an embedded Tomcat at {@code http://127.0.0.1:<port>/fhir}, on
 * an embedded PostgreSQL started by the hub's own {@link EmbeddedPostgresServer} (the same zonky binaries, the
 * same durable settings: fsync, synchronous commit and full-page writes on).
 *
 * <p>Started by {@code HubBenchmark} as a child process with {@code config/jvm.options}, with the hub's contract:
 * {@code RENKEI_HOME} is its home (the database in {@code pgdata/} there), {@code RENKEI_PORT} its HTTP port.
 * SIGTERM stops Tomcat, then HAPI, then PostgreSQL.
 */
public final class VanillaHapiServer {

    static final String DATABASE = "hapi";

    private VanillaHapiServer() {
    }

    public static void main(String[] args) throws LifecycleException {
        Path home = Path.of(requiredEnvironment("RENKEI_HOME")).toAbsolutePath();
        int port = Integer.parseInt(requiredEnvironment("RENKEI_PORT"));

        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(
                new EmbeddedDatabaseProperties(home.resolve("pgdata"), 0, DATABASE, false));
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
        spring.registerBean(EmbeddedPostgresServer.class, () -> postgres);
        spring.register(VanillaHapiConfig.class);
        Tomcat tomcat = new Tomcat();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat, spring, postgres), "vanilla-hapi-stop"));

        try {
            spring.refresh();
            serve(tomcat, spring.getBean(RestfulServer.class), home, port);
        } catch (RuntimeException | LifecycleException e) {
            e.printStackTrace();
            System.exit(1); // the shutdown hook stops whatever started, PostgreSQL last
        }
        System.out.println("Vanilla HAPI FHIR ready on http://127.0.0.1:" + port + "/fhir (database in "
                + home.resolve("pgdata") + ")");
        tomcat.getServer().await(); // the embedded server has no shutdown port: this waits for SIGTERM
    }

    private static void serve(Tomcat tomcat, RestfulServer fhir, Path home, int port) throws LifecycleException {
        tomcat.setBaseDir(home.resolve("tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("relaxedQueryChars", "|"); // FHIR token searches send system|code unencoded
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", home.toString());
        Tomcat.addServlet(context, "fhir", fhir).setLoadOnStartup(1);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
    }

    private static void stop(Tomcat tomcat, AnnotationConfigApplicationContext spring, EmbeddedPostgresServer postgres) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException | RuntimeException e) {
            System.err.println("Stopping Tomcat: " + e);
        }
        try {
            if (spring.isActive()) {
                spring.close();
            }
        } finally {
            postgres.close(); // last: the pool is closed with the context
        }
    }

    private static String requiredEnvironment(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        if ("RENKEI_HOME".equals(name) && !Files.isDirectory(Path.of(value))) {
            throw new IllegalStateException(name + "=" + value + " is not a directory");
        }
        return value;
    }
}
