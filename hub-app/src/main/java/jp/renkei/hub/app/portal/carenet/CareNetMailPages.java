package jp.renkei.hub.app.portal.carenet;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.carenet.mail.MailFrequency;
import jp.renkei.hub.carenet.mail.MailPreferences;
import jp.renkei.hub.core.security.Requesters;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Each person's own choice of how often care-net tells them by mail that there is something new. */
@Controller
class CareNetMailPages {

    private final MailPreferences preferences;

    CareNetMailPages(MailPreferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping("/portal/care-net/mail")
    String form(HttpServletRequest request, Model model) {
        model.addAttribute("frequency", preferences.get(Requesters.current(request)));
        model.addAttribute("frequencies", List.of(MailFrequency.values()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
        return "portal/carenet/mail";
    }

    @PostMapping("/portal/care-net/mail")
    String set(@RequestParam(defaultValue = "") String frequency, HttpServletRequest request, Model model,
               RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
        MailFrequency chosen = java.util.Arrays.stream(MailFrequency.values())
                .filter(f -> f.name().equals(frequency)).findFirst().orElse(null);
        if (chosen == null) {
            response.setStatus(400);
            model.addAttribute("errors", List.of("cnp.mail.choose"));
            return form(request, model);
        }
        preferences.set(chosen, Requesters.current(request));
        redirect.addFlashAttribute("saved", true);
        return "redirect:/portal/care-net/mail";
    }
}
