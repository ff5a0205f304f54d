package jp.renkei.hub.ops.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.bench.FhirLoadClient;
import jp.renkei.hub.core.auth.TotpCodes;

/**
 * A demo person's first login over the REST API, the way a person does it: the activation code from the demo
 * list ({@code demo/people.txt} of the node that loaded the demo), a password, two-factor enrolment when the
 * profession needs it (the code computed like an authenticator app), then a login with a recovery code.
 */
final class PersonLogin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "cluster-drill-2026";

    private PersonLogin() {
    }

    /** Activates {@code login} and returns the bearer token of a full session. */
    static String activateAndLogIn(FhirLoadClient node, Path home, String login) throws IOException, InterruptedException {
        String code = activationCode(home.resolve("demo/people.txt"), login);
        expect(node.postJson("/api/auth/activate", json("login", login, "activationCode", code, "password", PASSWORD)),
                204, "activation");
        FhirLoadClient.TimedResponse first = node.postJson("/api/auth/login", json("login", login, "password", PASSWORD));
        if (first.status() == 200) {
            return JSON.readTree(first.body()).get("token").asText();
        }
        expect(first, 403, "login before two-factor enrolment");
        FhirLoadClient enrolling = node.withBearer(JSON.readTree(first.body()).get("enrolmentToken").asText());
        FhirLoadClient.TimedResponse started = enrolling.postJson("/api/auth/totp/enrol", "{}");
        expect(started, 200, "enrolment");
        String secret = JSON.readTree(started.body()).get("secret").asText();
        FhirLoadClient.TimedResponse confirmed = enrolling.postJson("/api/auth/totp/confirm",
                json("code", new TotpCodes().codeAt(secret, Instant.now())));
        expect(confirmed, 200, "enrolment confirmation");
        // The code just used cannot be used again within its step: log in with a recovery code instead.
        String recovery = JSON.readTree(confirmed.body()).get("recoveryCodes").get(0).asText();
        FhirLoadClient.TimedResponse loggedIn = node.postJson("/api/auth/login",
                json("login", login, "password", PASSWORD, "recoveryCode", recovery));
        expect(loggedIn, 200, "login");
        return JSON.readTree(loggedIn.body()).get("token").asText();
    }

    private static String activationCode(Path peopleFile, String login) throws IOException {
        return Files.readAllLines(peopleFile).stream()
                .map(String::strip)
                .filter(line -> line.startsWith(login + " "))
                .map(line -> line.split("\\s+")[3]) // login, profession, facility, code, (valid until ...)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no activation code for " + login + " in " + peopleFile));
    }

    static String json(String... namesAndValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return node.toString();
    }

    static JsonNode parse(FhirLoadClient.TimedResponse response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void expect(FhirLoadClient.TimedResponse response, int status, String step) {
        if (response.status() != status) {
            throw new IllegalStateException(step + ": HTTP " + response.status() + " " + response.body());
        }
    }
}
