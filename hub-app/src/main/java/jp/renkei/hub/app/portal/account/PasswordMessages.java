package jp.renkei.hub.app.portal.account;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.core.web.ApiException;

/**
 * The hub's password policy ({@code PasswordPolicy}) and credential refusals as the portal's message keys, so a
 * person reads which rule their new password breaks in their own language.
 *
 * @param key      the message key ({@code account.password.error.*})
 * @param argument the number the message names (the minimum or maximum length), or {@code null}
 */
public record PasswordMessages(String key, Integer argument) {

    private static final Pattern NUMBER = Pattern.compile("(\\d+)");

    /** The message of a refusal by {@code AccountCredentials} (activation or password change). */
    public static PasswordMessages of(ApiException e) {
        String current = e.fieldErrors().get("currentPassword");
        if (current != null) {
            return new PasswordMessages("account.password.error.current", null);
        }
        if (e.fieldErrors().containsKey("newPassword")) {
            return new PasswordMessages("account.password.error.same", null);
        }
        String problem = e.fieldErrors().getOrDefault("password", "");
        Matcher number = NUMBER.matcher(problem);
        Integer n = number.find() ? Integer.valueOf(number.group(1)) : null;
        if (problem.contains("at least")) {
            return new PasswordMessages("account.password.error.tooShort", n);
        }
        if (problem.contains("at most")) {
            return new PasswordMessages("account.password.error.tooLong", n);
        }
        if (problem.contains("letters and digits")) {
            return new PasswordMessages("account.password.error.lettersAndDigits", null);
        }
        if (problem.contains("login name")) {
            return new PasswordMessages("account.password.error.login", null);
        }
        return new PasswordMessages("account.password.error.refused", null);
    }
}
