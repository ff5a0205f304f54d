package jp.renkei.hub.app.portal.account;

import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.auth.AccountCredentials;
import jp.renkei.hub.core.security.RequestAttributes;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Activation of an invited account ({@code /portal/login/activate}, open to anyone): the login ID and the
 * activation code the facility administrator handed over, and the first password twice
 * ({@link AccountCredentials#activate}, the same checks as {@code POST /api/auth/activate}). Then the person logs
 * in, and enrols an authenticator there when their profession requires one.
 */
@Controller
class PortalActivationController {

    private final AccountCredentials credentials;

    PortalActivationController(AccountCredentials credentials) {
        this.credentials = credentials;
    }

    /** The link of a care-net family invitation mail fills in the login ID and the code. */
    @GetMapping("/portal/login/activate")
    String page(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String code,
                HttpServletRequest request, Model model) {
        model.addAttribute("login", login.trim());
        model.addAttribute("code", code.trim());
        return RequestAttributes.principal(request).isPresent() ? "redirect:/portal" : "portal/account/activate";
    }

    @PostMapping("/portal/login/activate")
    String activate(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String code,
                    @RequestParam(defaultValue = "") String password,
                    @RequestParam(defaultValue = "") String repeatPassword, Model model) {
        model.addAttribute("login", login.trim());
        if (login.isBlank() || code.isBlank() || password.isEmpty()) {
            return error(model, "account.activate.error.missing", null);
        }
        if (!password.equals(repeatPassword)) {
            return error(model, "account.password.error.mismatch", null);
        }
        try {
            credentials.activate(login.trim(), code.replace(" ", "").trim().toUpperCase(java.util.Locale.ROOT), password);
        } catch (ApiException e) {
            if (e.fieldErrors().isEmpty()) {
                return error(model, "account.activate.error.code", null);
            }
            PasswordMessages message = PasswordMessages.of(e);
            return error(model, message.key(), message.argument());
        }
        return "portal/account/activated";
    }

    private static String error(Model model, String key, Integer argument) {
        model.addAttribute("error", key);
        model.addAttribute("errorArgument", argument);
        return "portal/account/activate";
    }
}
