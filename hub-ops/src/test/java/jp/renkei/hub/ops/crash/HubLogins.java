package jp.renkei.hub.ops.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jp.renkei.hub.core.auth.TotpCodes;

/**
 * Logs the first start's invited people in over the API, as a person does it in the portal: the activation code
 * from the file the hub wrote, a password, two-factor enrolment with an authenticator (the TOTP codes computed
 * here), then a login with the next code. Sessions live in the database, so the token outlives a hub restart.
 */
final class HubLogins {

    static final String PASSWORD = "crash-drill-2026-password";

    /** A session: the bearer token and the facility it acts for. */
    record Session(String token, String facilityId) {
    }

    private HubLogins() {
    }

    /** The hub administrator invited on first start ({@code <home>/initial-admin.txt}). */
    static Session hubAdministrator(HubHttp http, Path home) throws IOException, InterruptedException {
        String text = Files.readString(home.resolve("initial-admin.txt"));
        return logIn(http, value(text, "(?m)^login:\\s+(\\S+)"), value(text, "(?m)^activation code:\\s+(\\S+)"));
    }

    /** A demo person of {@code <home>/demo/people.txt}, e.g. {@code demo-pharmacist}. */
    static Session demoPerson(HubHttp http, Path home, String login) throws IOException, InterruptedException {
        String text = Files.readString(home.resolve("demo/people.txt"));
        return logIn(http, login, value(text, "(?m)^" + Pattern.quote(login) + "\\s+\\S+\\s+.+?\\s{2,}([A-Za-z0-9-]{8,})  \\("));
    }

    private static Session logIn(HubHttp http, String login, String activationCode)
            throws IOException, InterruptedException {
        expect(http.postJson("/api/auth/activate", json(Map.of("login", login, "activationCode", activationCode,
                "password", PASSWORD))), 204, "activate " + login);
        HubHttp.Answer first = http.postJson("/api/auth/login", json(Map.of("login", login, "password", PASSWORD)));
        if (first.status() == 200) {
            return session(first.json());
        }
        expect(first, 403, "first login of " + login);
        HubHttp enrolling = http.withBearer(first.json().path("enrolmentToken").asText());
        String secret = expect(enrolling.postJson("/api/auth/totp/enrol", "{}"), 200, "enrol " + login)
                .json().path("secret").asText();
        TotpCodes totp = new TotpCodes();
        Instant now = Instant.now();
        expect(enrolling.postJson("/api/auth/totp/confirm", json(Map.of("code", totp.codeAt(secret, now)))), 200,
                "confirm two-factor enrolment of " + login);
        // a code is used once: the login takes the next time step's, which the hub accepts one step early
        String next = totp.codeAt(secret, now.plus(Duration.ofSeconds(30)));
        HubHttp.Answer login2 = http.postJson("/api/auth/login", json(Map.of("login", login, "password", PASSWORD,
                "totp", next)));
        return session(expect(login2, 200, "log in " + login).json());
    }

    private static Session session(JsonNode success) {
        return new Session(success.path("token").asText(), success.path("facilityId").asText());
    }

    private static HubHttp.Answer expect(HubHttp.Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + ": HTTP " + answer.status() + " " + answer.body());
        }
        return answer;
    }

    private static String json(Map<String, String> fields) throws IOException {
        return HubHttp.JSON.writeValueAsString(fields);
    }

    private static String value(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("No match for " + regex + " in:\n" + text);
        }
        return matcher.group(1);
    }
}
