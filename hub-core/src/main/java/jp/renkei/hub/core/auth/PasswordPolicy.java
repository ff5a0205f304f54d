package jp.renkei.hub.core.auth;

import java.util.Locale;

import jp.renkei.hub.core.web.ApiException;
import org.springframework.stereotype.Component;

/** The minimum password policy: long enough, letters and digits, not built on the login name. */
@Component
public class PasswordPolicy {

    static final int MAX_LENGTH = 128;

    private final int minLength;

    public PasswordPolicy(AuthProperties properties) {
        this.minLength = properties.passwordMinLength();
    }

    /** @throws ApiException (400, field {@code password}) naming the first rule the password breaks */
    public void check(String password, String login) {
        if (password == null || password.length() < minLength) {
            throw ApiException.invalid("password", "must have at least " + minLength + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw ApiException.invalid("password", "must have at most " + MAX_LENGTH + " characters");
        }
        if (password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)) {
            throw ApiException.invalid("password", "must contain both letters and digits");
        }
        if (login != null && password.toLowerCase(Locale.ROOT).contains(login.toLowerCase(Locale.ROOT))) {
            throw ApiException.invalid("password", "must not contain the login name");
        }
    }
}
