package jp.renkei.hub.app.portal;

import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.auth.LoginRequest;
import jp.renkei.hub.core.auth.LoginResult;
import jp.renkei.hub.core.auth.LoginService;
import jp.renkei.hub.core.auth.SessionStore;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.RequestAttributes;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portal's login: password ({@code POST /portal/login}), then the two-factor code when the person has an
 * authenticator ({@code /portal/login/totp}), then the facility when they belong to several
 * ({@code /portal/login/facility}); each step is one call of the hub's {@link LoginService} with everything given
 * so far, so the same checks, lockout and audit apply as on {@code POST /api/auth/login}. Every outcome is a
 * Japanese sentence, never the API's problem+json. A successful login ends the session the browser came with
 * (if any), sets a new session cookie and drops the CSRF token, so nothing issued before the login survives it.
 */
@Controller
class PortalLoginController {

    /** A facility the person may act for, for the choice. */
    record FacilityChoice(String id, String name) {
    }

    private final LoginService logins;
    private final SessionStore sessions;
    private final PendingLogins pending;
    private final FacilityRegistry facilities;

    PortalLoginController(LoginService logins, SessionStore sessions, PendingLogins pending,
                          FacilityRegistry facilities) {
        this.logins = logins;
        this.sessions = sessions;
        this.pending = pending;
        this.facilities = facilities;
    }

    @GetMapping("/portal/login")
    String loginPage(@RequestParam(required = false) String expired, @RequestParam(required = false) String loggedOut,
                     HttpServletRequest request, Model model) {
        if (RequestAttributes.principal(request).isPresent()) {
            // an enrolment-only session has nothing to open but its enrolment
            boolean full = SecurityContextHolder.getContext().getAuthentication() instanceof HubAuthentication hub
                    && hub.fullScope();
            return full ? "redirect:/portal" : "redirect:/portal/account/two-factor";
        }
        if (expired != null) {
            model.addAttribute("notice", "login.notice.expired");
        } else if (loggedOut != null) {
            model.addAttribute("notice", "login.notice.loggedOut");
        }
        return "portal/login";
    }

    @PostMapping("/portal/login")
    String login(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String password,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        if (login.isBlank() || password.isEmpty()) {
            return error(model, "login.error.missing", "portal/login");
        }
        request.setAttribute(RequestAttributes.AUDITED, Boolean.TRUE); // the login service audits each attempt
        LoginService.Step step;
        try {
            step = logins.loginStep(new LoginRequest(login.trim(), password, null, null, null),
                    RequestAttributes.sourceIp(request));
        } catch (ApiException e) {
            return error(model, "login.error.facility", "portal/login");
        }
        return next(step, null, "portal/login", request, response, model);
    }

    @PostMapping("/portal/login/totp")
    String totp(@RequestParam(defaultValue = "") String pendingKey, @RequestParam(defaultValue = "") String totp,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        return withPending(pendingKey, model, step -> {
            String code = totp.replace(" ", "").trim();
            if (!code.matches("[0-9]{6}")) {
                return nextStep(step.firstFactor(), null, "login.error.codeFormat", "portal/login-totp", model);
            }
            return attempt(step.firstFactor(), code, null, "portal/login-totp", request, response, model);
        });
    }

    @PostMapping("/portal/login/facility")
    String facility(@RequestParam(defaultValue = "") String pendingKey, @RequestParam(defaultValue = "") String facilityId,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        return withPending(pendingKey, model, step -> attempt(step.firstFactor(), step.totp(), facilityId,
                "portal/login", request, response, model));
    }

    /** The next step of a pending login; back to the start when its key is unknown, used or expired. */
    private String withPending(String key, Model model, Function<PendingLogins.Pending, String> next) {
        return pending.take(key).map(next).orElseGet(() -> error(model, "login.error.stepExpired", "portal/login"));
    }

    @PostMapping("/portal/logout")
    String logout(HttpServletRequest request, HttpServletResponse response) {
        RequestAttributes.sessionCookie(request).ifPresent(sessions::end);
        PortalCookies.clearSession(response);
        return "redirect:/portal/login?loggedOut";
    }

    /** The next step of a login whose password was right: everything given since; {@code page} is where it came from. */
    private String attempt(LoginService.FirstFactor firstFactor, String totp, String facilityId, String page,
                           HttpServletRequest request, HttpServletResponse response, Model model) {
        request.setAttribute(RequestAttributes.AUDITED, Boolean.TRUE); // the login service audits each attempt
        LoginService.Step step;
        try {
            step = logins.continueLogin(firstFactor, totp, null, facilityId, RequestAttributes.sourceIp(request));
        } catch (ApiException e) {
            // credentials right, but no facility to act for (none, not a member, or not active)
            return error(model, "login.error.facility", "portal/login");
        }
        return next(step, totp, page, request, response, model);
    }

    /** What a login step's result means for the browser: the session, the next step's page, or a message. */
    private String next(LoginService.Step step, String totp, String page, HttpServletRequest request,
                        HttpServletResponse response, Model model) {
        LoginResult result = step.result();
        if (result instanceof LoginResult.Success success) {
            startSession(success.token(), request, response);
            return "redirect:/portal";
        }
        if (result instanceof LoginResult.TotpRequired) {
            return nextStep(step.firstFactor().orElseThrow(), null, null, "portal/login-totp", model);
        }
        if (result instanceof LoginResult.TotpEnrolmentRequired enrolment) {
            // an enrolment-only session (it opens the account pages only) and the proof of the password, kept for
            // the login to end when the authenticator is confirmed (PortalAccountController)
            Optional<String> key = pending.start(step.firstFactor().orElseThrow(), null);
            if (key.isEmpty()) {
                sessions.end(enrolment.enrolmentToken());
                return error(model, "login.error.busy", "portal/login");
            }
            startSession(enrolment.enrolmentToken(), request, response);
            PortalCookies.setEnrolment(response, key.get());
            return "redirect:/portal/account/two-factor";
        }
        if (result instanceof LoginResult.FacilityChoiceRequired choice) {
            model.addAttribute("facilities", choice.facilityIds().stream()
                    .map(id -> new FacilityChoice(id, facilities.find(id).map(f -> f.details().name()).orElse(id)))
                    .sorted(Comparator.comparing(FacilityChoice::name)).toList());
            return nextStep(step.firstFactor().orElseThrow(), totp, null, "portal/login-facility", model);
        }
        LoginResult.Failed failed = (LoginResult.Failed) result;
        if (failed.locked()) {
            return error(model, "login.error.locked", "portal/login");
        }
        if (page.equals("portal/login-totp") && step.firstFactor().isPresent()) {
            return nextStep(step.firstFactor().get(), null, "login.error.code", page, model);
        }
        return error(model, "login.error.failed", "portal/login");
    }

    private String nextStep(LoginService.FirstFactor firstFactor, String totp, String error, String page, Model model) {
        Optional<String> key = pending.start(firstFactor, totp);
        if (key.isEmpty()) {
            return error(model, "login.error.busy", "portal/login");
        }
        model.addAttribute("pendingKey", key.get());
        if (error != null) {
            model.addAttribute("error", error);
        }
        return page;
    }

    private static String error(Model model, String message, String page) {
        model.addAttribute("error", message);
        return page;
    }

    private void startSession(String token, HttpServletRequest request, HttpServletResponse response) {
        PortalCookies.startSession(sessions, request, response, token);
    }
}
