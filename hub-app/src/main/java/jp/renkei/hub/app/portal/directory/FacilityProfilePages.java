package jp.renkei.hub.app.portal.directory;

import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.regional.directory.FacilityProfile;
import jp.renkei.hub.regional.directory.InvalidInput;
import jp.renkei.hub.regional.directory.NoSuchFacility;
import jp.renkei.hub.regional.directory.ProfileRequest;
import jp.renkei.hub.regional.directory.Profiles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The acting facility's own directory profile ({@code /portal/facility/directory}), for its administrators: the
 * form and its saving through {@link Profiles}, whose checks and refusals the page shows as they are. The facility is
 * always the administrator's acting one; no form names a facility.
 */
@Controller
class FacilityProfilePages {

    private final Profiles profiles;
    private final FacilityRegistry registry;

    FacilityProfilePages(Profiles profiles, FacilityRegistry registry) {
        this.profiles = profiles;
        this.registry = registry;
    }

    @GetMapping("/portal/facility/directory")
    String page(@RequestParam(required = false) String done, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        Requester admin = Requesters.current(request);
        try {
            FacilityProfile profile = profiles.own(admin, admin.facilityId());
            model.addAttribute("form", ProfileForm.of(profile));
            model.addAttribute("saved", !profile.isEmpty());
        } catch (NoSuchFacility e) {
            return notFound(e, response, model);
        }
        if ("saved".equals(done)) {
            model.addAttribute("notice", "directory.profile.saved");
        }
        return render(admin, model);
    }

    @PostMapping("/portal/facility/directory")
    String save(@RequestParam Map<String, String> fields,
                @RequestParam(required = false) List<String> departments,
                @RequestParam(required = false) List<String> services,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        Requester admin = Requesters.current(request);
        Map<String, List<String>> hours = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String text = fields.getOrDefault("hours_" + day.name(), "");
            if (!text.isBlank()) {
                hours.put(day.name(), List.of(text));
            }
        }
        ProfileRequest profile = new ProfileRequest(fields.get("careFacilityType"), departments, services,
                fields.get("municipalityCode"), fields.get("municipalityName"), fields.get("latitude"),
                fields.get("longitude"), fields.get("acceptance"), fields.get("acceptanceNote"), hours,
                fields.get("deskName"), fields.get("deskPhone"), fields.get("deskFax"), fields.get("deskEmail"),
                fields.get("deskPerson"));
        try {
            profiles.save(admin, admin.facilityId(), profile);
        } catch (InvalidInput e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("form", ProfileForm.of(profile));
            model.addAttribute("errors", e.fieldErrors());
            return render(admin, model);
        } catch (NoSuchFacility e) {
            return notFound(e, response, model);
        }
        return "redirect:/portal/facility/directory?done=saved";
    }

    private String render(Requester admin, Model model) {
        var facility = registry.find(admin.facilityId()).orElseThrow();
        model.addAttribute("facility", facility);
        model.addAttribute("careFacility", facility.kind() == FacilityKind.CARE_FACILITY);
        model.addAttribute("codes", DirectoryCodes.ALL);
        return "portal/directory/profile";
    }

    private static String notFound(NoSuchFacility e, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("message", e.getMessage());
        return "portal/directory/not-found";
    }
}
