package jp.renkei.hub.core.auth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;

import jp.renkei.hub.core.person.Person;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrols a person's authenticator app: a new secret shown as a QR code, then confirmed by a first valid
 * code; confirmation returns ten single-use recovery codes, shown this once and stored only as hashes.
 */
@Service
public class TwoFactorEnrolment {

    public record Started(String secret, String otpauthUri, String qrCodePng) {
    }

    static final int RECOVERY_CODES = 10;

    private final PersonStore people;
    private final TotpCodes totp;
    private final AuthProperties properties;
    private final Clock clock;

    public TwoFactorEnrolment(PersonStore people, TotpCodes totp, AuthProperties properties, Clock clock) {
        this.people = people;
        this.totp = totp;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Started start(String personId) {
        Person person = people.byId(personId).orElseThrow(() -> ApiException.notFound("Person " + personId));
        if (person.twoFactorEnrolled()) {
            // Otherwise a stolen session token could move the second factor to the thief's device.
            throw ApiException.conflict("Two-factor authentication is already set up; a facility administrator"
                    + " can reset it (the person then enrols again at the next login)");
        }
        String secret = totp.newSecret();
        people.setPendingTotpSecret(personId, secret);
        String uri = totp.provisioningUri(properties.totpIssuer(), person.login(), secret);
        String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodeImage.png(uri, 240));
        return new Started(secret, uri, png);
    }

    /**
     * The enrolment in progress, shown again (the same secret, so a code from the already scanned QR code still
     * confirms it), or a new one when none is in progress; refused like {@link #start} once enrolled.
     */
    @Transactional
    public Started resume(String personId) {
        var account = people.accountById(personId).orElseThrow(() -> ApiException.notFound("Person " + personId));
        String secret = account.totpPendingSecret();
        if (account.person().twoFactorEnrolled() || secret == null) {
            return start(personId);
        }
        String uri = totp.provisioningUri(properties.totpIssuer(), account.person().login(), secret);
        String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodeImage.png(uri, 240));
        return new Started(secret, uri, png);
    }

    /** @return the recovery codes, in clear text for the only time */
    @Transactional
    public List<String> confirm(String personId, String code) {
        var account = people.accountById(personId).orElseThrow(() -> ApiException.notFound("Person " + personId));
        if (account.totpPendingSecret() == null) {
            throw ApiException.conflict("No enrolment in progress: start one first");
        }
        OptionalLong step = totp.verify(account.totpPendingSecret(), code, clock.instant(), 0);
        if (step.isEmpty()) {
            throw ApiException.invalid("code", "does not match the authenticator (check the device clock)");
        }
        people.confirmTotp(personId, step.getAsLong());
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = SecretTokens.newCode(4);
            codes.add(recovery);
            hashes.add(SecretTokens.hash(recovery));
        }
        people.replaceRecoveryCodes(personId, hashes);
        return codes;
    }
}
