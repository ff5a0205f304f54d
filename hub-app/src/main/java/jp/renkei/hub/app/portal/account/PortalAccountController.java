package jp.renkei.hub.app.portal.account;

import java.util.Comparator;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.app.portal.PendingLogins;
import jp.renkei.hub.app.portal.PortalCookies;
import jp.renkei.hub.core.auth.AccountCredentials;
import jp.renkei.hub.core.auth.LoginResult;
import jp.renkei.hub.core.auth.LoginService;
import jp.renkei.hub.core.auth.SessionStore;
import jp.renkei.hub.core.auth.TwoFactorEnrolment;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Person;
import jp.renkei.hub.core.person.PersonStore;
import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.RequestAttributes;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The person's own account ({@code /portal/account}): who they are, their facilities and roles, the state of
 * their two-factor authentication; password change; and enrolment of an authenticator app with a QR code drawn
 * on the server. A person whose profession needs two-factor authentication and who has none comes here straight
 * from the password (an enrolment-only session, which opens nothing else); the confirmed code then ends their
 * login ({@link LoginService#confirmEnrolment}), the proof of the password coming from the login's pending step,
 * never the password itself.
 */
@Controller
class PortalAccountController {

    /** A facility the person belongs to, as the account page lists it. */
    record MembershipRow(String facilityName, boolean admin) {
    }

    /** A facility the person may act for, for the choice after enrolment. */
    record FacilityChoice(String id, String name) {
    }

    private final PersonStore people;
    private final FacilityRegistry facilities;
    private final TwoFactorEnrolment enrolment;
    private final LoginService logins;
    private final AccountCredentials credentials;
    private final SessionStore sessions;
    private final PendingLogins pending;
    private final MessageSource messages;

    PortalAccountController(PersonStore people, FacilityRegistry facilities, TwoFactorEnrolment enrolment,
                            LoginService logins, AccountCredentials credentials, SessionStore sessions,
                            PendingLogins pending, MessageSource messages) {
        this.people = people;
        this.facilities = facilities;
        this.enrolment = enrolment;
        this.logins = logins;
        this.credentials = credentials;
        this.sessions = sessions;
        this.pending = pending;
        this.messages = messages;
    }

    @GetMapping("/portal/account")
    String account(HttpServletRequest request, Model model) {
        if (!fullSession()) {
            return "redirect:/portal/account/two-factor";
        }
        HubPrincipal me = principal(request);
        Person person = people.byId(me.id()).orElseThrow();
        model.addAttribute("person", person);
        model.addAttribute("roles", me.roles().stream().map(Enum::name).sorted().toList());
        model.addAttribute("memberships", people.memberships(me.id()).stream()
                .map(m -> new MembershipRow(facilityName(m.facilityId()), m.admin()))
                .sorted(Comparator.comparing(MembershipRow::facilityName)).toList());
        return "portal/account/account";
    }

    @GetMapping("/portal/account/two-factor")
    String twoFactor(HttpServletRequest request, Model model) {
        HubPrincipal me = principal(request);
        Person person = people.byId(me.id()).orElseThrow();
        if (person.twoFactorEnrolled()) {
            model.addAttribute("person", person);
            return "portal/account/two-factor-done";
        }
        return enrolmentPage(me, model, null);
    }

    @PostMapping("/portal/account/two-factor")
    String confirm(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        HubPrincipal me = principal(request);
        String digits = code.replace(" ", "").trim();
        if (!digits.matches("[0-9]{6}")) {
            return enrolmentPage(me, model, "account.totp.error.format");
        }
        if (fullSession()) {
            // a person already logged in sets up an authenticator of their own accord
            try {
                model.addAttribute("recoveryCodes", enrolment.confirm(me.id(), digits));
            } catch (ApiException e) {
                return enrolmentPage(me, model, e.status().value() == 400 ? "account.totp.error.code"
                        : "account.totp.error.none");
            }
            return "portal/account/recovery-codes";
        }
        Optional<PendingLogins.Pending> login = PortalCookies.enrolment(request).flatMap(pending::take);
        if (login.isEmpty()) {
            return restart(request, response);
        }
        LoginService.Enrolled enrolled;
        request.setAttribute(RequestAttributes.AUDITED, Boolean.TRUE); // the login service audits the login
        try {
            enrolled = logins.confirmEnrolment(login.get().firstFactor(), me.id(), digits,
                    RequestAttributes.sourceIp(request));
        } catch (ApiException e) {
            Optional<String> key = pending.start(login.get().firstFactor(), null);
            key.ifPresent(k -> PortalCookies.setEnrolment(response, k));
            return enrolmentPage(me, model, e.status().value() == 400 ? "account.totp.error.code"
                    : "account.totp.error.none");
        }
        LoginResult result = enrolled.step().result();
        model.addAttribute("recoveryCodes", enrolled.recoveryCodes());
        if (result instanceof LoginResult.Success success) {
            PortalCookies.clearEnrolment(response);
            PortalCookies.startSession(sessions, request, response, success.token());
            return "portal/account/recovery-codes";
        }
        if (result instanceof LoginResult.FacilityChoiceRequired choice && enrolled.step().firstFactor().isPresent()) {
            Optional<String> key = pending.start(enrolled.step().firstFactor().get(), null);
            if (key.isPresent()) {
                PortalCookies.clearEnrolment(response);
                model.addAttribute("pendingKey", key.get());
                model.addAttribute("facilities", choice.facilityIds().stream()
                        .map(id -> new FacilityChoice(id, facilityName(id)))
                        .sorted(Comparator.comparing(FacilityChoice::name)).toList());
                return "portal/account/recovery-codes";
            }
        }
        return restart(request, response);
    }

    @GetMapping("/portal/account/password")
    String passwordPage(HttpServletRequest request) {
        return fullSession() ? "portal/account/password" : "redirect:/portal/account/two-factor";
    }

    @PostMapping("/portal/account/password")
    String changePassword(@RequestParam(defaultValue = "") String currentPassword,
                          @RequestParam(defaultValue = "") String newPassword,
                          @RequestParam(defaultValue = "") String repeatPassword,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!fullSession()) {
            return "redirect:/portal/account/two-factor";
        }
        if (currentPassword.isEmpty() || newPassword.isEmpty()) {
            model.addAttribute("error", "account.password.error.missing");
            return "portal/account/password";
        }
        if (!newPassword.equals(repeatPassword)) {
            model.addAttribute("error", "account.password.error.mismatch");
            return "portal/account/password";
        }
        try {
            credentials.changePassword(principal(request).id(), currentPassword, newPassword);
        } catch (ApiException e) {
            PasswordMessages message = PasswordMessages.of(e);
            model.addAttribute("error", message.key());
            model.addAttribute("errorArgument", message.argument());
            return "portal/account/password";
        }
        // every session of the person has ended, this one included
        PortalCookies.clearSession(response);
        model.addAttribute("me", null);
        return "portal/account/password-changed";
    }

    private String enrolmentPage(HubPrincipal me, Model model, String error) {
        TwoFactorEnrolment.Started started = enrolment.resume(me.id());
        model.addAttribute("qrCode", QrCodeSvg.of(started.otpauthUri(),
                messages.getMessage("account.totp.qrLabel", null, org.springframework.context.i18n.LocaleContextHolder.getLocale())));
        model.addAttribute("secretGroups", QrCodeSvg.grouped(started.secret()));
        model.addAttribute("loginStep", !fullSession());
        if (error != null) {
            model.addAttribute("error", error);
        }
        return "portal/account/two-factor";
    }

    /** The login's enrolment step is gone (expired, used): end the enrolment session and start over. */
    private String restart(HttpServletRequest request, HttpServletResponse response) {
        RequestAttributes.sessionCookie(request).ifPresent(sessions::end);
        PortalCookies.clearSession(response);
        PortalCookies.clearEnrolment(response);
        return "redirect:/portal/login?expired";
    }

    private String facilityName(String id) {
        return facilities.find(id).map(f -> f.details().name()).orElse(id);
    }

    private static HubPrincipal principal(HttpServletRequest request) {
        return RequestAttributes.principal(request).orElseThrow();
    }

    private static boolean fullSession() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof HubAuthentication hub
                && hub.fullScope();
    }

}
