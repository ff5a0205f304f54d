package jp.renkei.hub.app.portal.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jp.renkei.hub.core.person.PersonAccounts;
import jp.renkei.hub.core.person.PersonInvitation;
import jp.renkei.hub.core.person.PersonStatus;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The people of the acting facility for its administrators ({@code /portal/facility/people}): the list with status,
 * profession and roles; inviting a person (the activation code is shown once, to hand over); and for one person,
 * administrator flag, unlock, two-factor reset and retirement. Every change goes through {@link PersonAccounts},
 * the service behind {@code /api/admin/facilities/{id}/people}, for the acting facility only: a person of another
 * facility is "not found" exactly like an unknown one.
 */
@Controller
class PortalFacilityPeopleController {

    /** The invitation form as typed, shown again with the messages when something is wrong. */
    record InvitationForm(String login, String email, String displayName, String nameKana, String profession,
                          boolean facilityAdmin) {
    }

    /** Who a facility administrator may invite: every profession but the hub operator's administrators. */
    static final List<Profession> PROFESSIONS = Arrays.stream(Profession.values())
            .filter(p -> p != Profession.HUB_ADMIN).toList();

    private final PersonAccounts accounts;
    private final Validator validator;

    PortalFacilityPeopleController(PersonAccounts accounts, Validator validator) {
        this.accounts = accounts;
        this.validator = validator;
    }

    @GetMapping("/portal/facility")
    String index() {
        return "redirect:/portal/facility/people";
    }

    @GetMapping("/portal/facility/people")
    String people(@RequestParam(required = false) String retired, HttpServletRequest request, Model model) {
        model.addAttribute("section", "people");
        model.addAttribute("people", accounts.membersWithRoles(FacilityAdminPages.facilityId(request)));
        if (retired != null) {
            model.addAttribute("notice", "admin.person.done.retired");
        }
        return "portal/admin/people";
    }

    @GetMapping("/portal/facility/people/invite")
    String invitePage(Model model) {
        model.addAttribute("section", "people");
        model.addAttribute("form", new InvitationForm("", "", "", "", Profession.NURSE.name(), false));
        model.addAttribute("professions", PROFESSIONS);
        model.addAttribute("errors", Map.of());
        return "portal/admin/invite";
    }

    @PostMapping("/portal/facility/people/invite")
    String invite(@RequestParam(defaultValue = "") String login, @RequestParam(defaultValue = "") String email,
                  @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String nameKana,
                  @RequestParam(defaultValue = "") String profession,
                  @RequestParam(defaultValue = "false") boolean facilityAdmin,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        InvitationForm form = new InvitationForm(login.trim(), email.trim(), displayName.trim(), nameKana.trim(),
                profession, facilityAdmin);
        Map<String, String> errors = new TreeMap<>();
        Profession chosen = PROFESSIONS.stream().filter(p -> p.name().equals(profession)).findFirst().orElse(null);
        if (chosen == null) {
            errors.put("profession", "admin.invite.error.profession");
        }
        PersonInvitation invitation = new PersonInvitation(form.login(), form.email(), form.displayName(),
                form.nameKana().isEmpty() ? null : form.nameKana(), chosen, facilityAdmin);
        for (ConstraintViolation<PersonInvitation> violation : validator.validate(invitation)) {
            String field = violation.getPropertyPath().toString();
            errors.putIfAbsent(field, "admin.invite.error." + field);
        }
        if (errors.isEmpty()) {
            try {
                PersonAccounts.Invited invited = accounts.invite(FacilityAdminPages.facilityId(request), invitation,
                        FacilityAdminPages.admin(request));
                model.addAttribute("section", "people");
                model.addAttribute("invited", invited);
                return "portal/admin/invited";
            } catch (ApiException e) {
                errors.put(e.status() == HttpStatus.CONFLICT ? "login" : "form",
                        e.status() == HttpStatus.CONFLICT ? "admin.invite.error.taken" : "admin.invite.error.refused");
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("section", "people");
        model.addAttribute("form", form);
        model.addAttribute("professions", PROFESSIONS);
        model.addAttribute("errors", errors);
        return "portal/admin/invite";
    }

    @GetMapping("/portal/facility/people/{personId}")
    String person(@PathVariable String personId, @RequestParam(required = false) String done,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        PersonAccounts.Member member;
        try {
            member = accounts.memberOf(FacilityAdminPages.facilityId(request), personId);
        } catch (ApiException e) {
            return FacilityAdminPages.notFound(response, model);
        }
        model.addAttribute("section", "people");
        model.addAttribute("member", member);
        model.addAttribute("self", member.person().id().equals(FacilityAdminPages.admin(request).id()));
        model.addAttribute("locked", member.person().status() == PersonStatus.LOCKED);
        if (done != null && done.matches("[a-zA-Z]{1,20}")) {
            model.addAttribute("notice", "admin.person.done." + done);
        }
        return "portal/admin/person";
    }

    @PostMapping("/portal/facility/people/{personId}/unlock")
    String unlock(@PathVariable String personId, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        return change(personId, "unlocked", request, response, model,
                () -> accounts.unlock(FacilityAdminPages.facilityId(request), personId));
    }

    @PostMapping("/portal/facility/people/{personId}/two-factor/reset")
    String resetTwoFactor(@PathVariable String personId, HttpServletRequest request, HttpServletResponse response,
                          Model model) {
        return change(personId, "twoFactorReset", request, response, model,
                () -> accounts.resetTwoFactor(FacilityAdminPages.facilityId(request), personId));
    }

    @PostMapping("/portal/facility/people/{personId}/admin")
    String admin(@PathVariable String personId, @RequestParam(defaultValue = "false") boolean admin,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        return change(personId, admin ? "adminGranted" : "adminWithdrawn", request, response, model,
                () -> accounts.setAdmin(FacilityAdminPages.facilityId(request), personId, admin,
                        FacilityAdminPages.admin(request)));
    }

    @PostMapping("/portal/facility/people/{personId}/retire")
    String retire(@PathVariable String personId, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        String page = change(personId, "retired", request, response, model,
                () -> accounts.retire(FacilityAdminPages.facilityId(request), personId));
        return page.startsWith("redirect:") ? "redirect:/portal/facility/people?retired" : page;
    }

    /** One change to a person of the facility, then back to their page with what was done. */
    private String change(String personId, String done, HttpServletRequest request, HttpServletResponse response,
                          Model model, Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return FacilityAdminPages.notFound(response, model);
            }
            // refused as it stands (already unlocked, retired, one's own flag): the person's page says so
            String page = person(personId, null, request, response, model);
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("error", "admin.person.error.conflict");
            return page;
        }
        return "redirect:/portal/facility/people/" + personId + "?done=" + done;
    }
}
