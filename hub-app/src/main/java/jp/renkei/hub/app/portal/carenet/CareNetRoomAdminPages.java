package jp.renkei.hub.app.portal.carenet;

import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.blankToNull;
import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.id;
import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.missing;
import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.refused;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.carenet.room.Caretakers;
import jp.renkei.hub.carenet.room.Room;
import jp.renkei.hub.carenet.room.RoomApplication;
import jp.renkei.hub.carenet.room.RoomStatus;
import jp.renkei.hub.carenet.room.Rooms;
import jp.renkei.hub.consent.ScannedForm;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A room's life in the portal: applying (scanned consent form, proposed members, caretaker), the room's members
 * (add, remove — effective at the removed person's next request —, handing the caretaker role on and closing the
 * room) and its consent form.
 * Thin over {@link Rooms}: who may do what is decided there, and a room the person may not see answers the page
 * of an absent room.
 */
@Controller
class CareNetRoomAdminPages {

    /** Rows for proposed members on the application form. */
    static final int PROPOSED_ROWS = 5;

    private final Rooms rooms;
    private final Caretakers caretakers;

    CareNetRoomAdminPages(Rooms rooms, Caretakers caretakers) {
        this.rooms = rooms;
        this.caretakers = caretakers;
    }

    /** What the applicant typed, shown again beside the domain's sentences. */
    record Application(String patientName, String patientNameKana, String patientBirthDate, String eventNumber,
                       List<String> memberIds, List<String> memberFacilities, String caretakerId) {

        static Application empty() {
            List<String> blanks = java.util.Collections.nCopies(PROPOSED_ROWS, "");
            return new Application("", "", "", "", blanks, blanks, "");
        }
    }

    @GetMapping("/portal/care-net/apply")
    String applyForm(HttpServletRequest request, Model model) {
        model.addAttribute("typed", Application.empty());
        return applyPage(Requesters.current(request), model);
    }

    @PostMapping("/portal/care-net/apply")
    String apply(@RequestParam(defaultValue = "") String patientName,
                 @RequestParam(defaultValue = "") String patientNameKana,
                 @RequestParam(defaultValue = "") String patientBirthDate,
                 @RequestParam(defaultValue = "") String eventNumber,
                 @RequestParam(defaultValue = "") String caretakerId,
                 @RequestParam(required = false) MultipartFile consentForm,
                 @RequestParam Map<String, String> fields, HttpServletRequest request,
                 HttpServletResponse response, Model model, RedirectAttributes redirect) throws IOException {
        Requester requester = Requesters.current(request);
        List<String> ids = new ArrayList<>();
        List<String> facilities = new ArrayList<>();
        List<RoomApplication.ProposedMember> proposed = new ArrayList<>();
        for (int i = 0; i < PROPOSED_ROWS; i++) {
            String person = fields.getOrDefault("memberId" + i, "").strip();
            String facility = fields.getOrDefault("memberFacility" + i, "").strip();
            ids.add(person);
            facilities.add(facility);
            if (!person.isEmpty()) {
                proposed.add(new RoomApplication.ProposedMember(person, blankToNull(facility)));
            }
        }
        Application typed = new Application(patientName, patientNameKana, patientBirthDate, eventNumber, ids,
                facilities, caretakerId);
        model.addAttribute("typed", typed);
        try {
            LocalDate birthDate = birthDate(patientBirthDate);
            ScannedForm form = consentForm == null || consentForm.isEmpty() ? null : ScannedForm.of(consentForm.getBytes());
            Rooms.RoomDetails applied = rooms.apply(new RoomApplication(patientName, patientNameKana, birthDate,
                    blankToNull(eventNumber), proposed, blankToNull(caretakerId), form), requester);
            redirect.addFlashAttribute("notice", applied.room().patientName());
            return "redirect:/portal/care-net/rooms/" + applied.room().id() + "/members";
        } catch (ApiException e) {
            refused(e, response, model);
            return applyPage(requester, model);
        }
    }

    private String applyPage(Requester requester, Model model) {
        model.addAttribute("mayApply", Rooms.APPLICANTS.stream().anyMatch(requester::has));
        model.addAttribute("rows", java.util.stream.IntStream.range(0, PROPOSED_ROWS).boxed().toList());
        model.addAttribute("myId", requester.id());
        model.addAttribute("myFacility", requester.facilityId());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
        return "portal/carenet/apply";
    }

    private static LocalDate birthDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("patientBirthDate", "生年月日は 1940-04-01 の形で入力してください（入力値: " + text + "）");
        }
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/members")
    String members(@PathVariable String roomId, HttpServletRequest request, HttpServletResponse response, Model model) {
        UUID id = id(roomId);
        if (id == null) {
            return missing(response);
        }
        try {
            return membersPage(id, Requesters.current(request), model);
        } catch (ApiException e) {
            return missing(response);
        }
    }

    @PostMapping("/portal/care-net/rooms/{roomId}/members")
    String addMember(@PathVariable String roomId, @RequestParam(defaultValue = "") String personId,
                     @RequestParam(defaultValue = "") String facilityId, HttpServletRequest request,
                     HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return change(roomId, request, response, model, redirect, "carenet.members.added",
                (id, requester) -> rooms.addMember(id, new RoomApplication.ProposedMember(personId.strip(),
                        blankToNull(facilityId)), requester).displayName());
    }

    @PostMapping("/portal/care-net/rooms/{roomId}/members/{personId}/remove")
    String removeMember(@PathVariable String roomId, @PathVariable String personId,
                        @RequestParam(defaultValue = "") String reason, HttpServletRequest request,
                        HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return change(roomId, request, response, model, redirect, "carenet.members.removed",
                (id, requester) -> rooms.removeMember(id, personId, reason, requester).displayName());
    }

    @PostMapping("/portal/care-net/rooms/{roomId}/caretaker")
    String changeCaretaker(@PathVariable String roomId, @RequestParam(defaultValue = "") String personId,
                           HttpServletRequest request, HttpServletResponse response, Model model,
                           RedirectAttributes redirect) {
        return change(roomId, request, response, model, redirect, "carenet.members.caretakerChanged",
                (id, requester) -> {
                    Room room = caretakers.change(id, blankToNull(personId), requester);
                    return rooms.room(id, requester).members().stream()
                            .filter(m -> m.current() && m.personId().equals(room.caretakerId()))
                            .findFirst().orElseThrow().displayName();
                });
    }

    @PostMapping("/portal/care-net/rooms/{roomId}/close")
    String close(@PathVariable String roomId, HttpServletRequest request, HttpServletResponse response, Model model,
                 RedirectAttributes redirect) {
        return change(roomId, request, response, model, redirect, "carenet.members.closed",
                (id, requester) -> rooms.close(id, requester).patientName());
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/consent-form")
    ResponseEntity<byte[]> consentForm(@PathVariable String roomId, HttpServletRequest request) {
        UUID id = id(roomId);
        if (id == null) {
            return ResponseEntity.notFound().build();
        }
        try {
            ScannedForm form = rooms.consentForm(id, Requesters.current(request));
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(form.contentType()))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"consent-form\"")
                    .header("X-Content-Type-Options", "nosniff").body(form.content());
        } catch (ApiException e) {
            return ResponseEntity.notFound().build();
        }
    }

    /** A change by the applicant or caretaker; on success back to the members page with a notice. */
    private String change(String roomId, HttpServletRequest request, HttpServletResponse response, Model model,
                          RedirectAttributes redirect, String notice, Change change) {
        Requester requester = Requesters.current(request);
        UUID id = id(roomId);
        if (id == null) {
            return missing(response);
        }
        try {
            String name = change.apply(id, requester);
            redirect.addFlashAttribute("changed", notice);
            redirect.addFlashAttribute("changedName", name);
            return "redirect:/portal/care-net/rooms/" + id + "/members";
        } catch (ApiException e) {
            String page = refused(e, response, model);
            if (page != null) {
                return page;
            }
            try {
                return membersPage(id, requester, model);
            } catch (ApiException again) {
                return missing(response);
            }
        }
    }

    @FunctionalInterface
    private interface Change {
        String apply(UUID roomId, Requester requester);
    }

    private String membersPage(UUID id, Requester requester, Model model) {
        Rooms.RoomDetails details = rooms.room(id, requester);
        Room room = details.room();
        boolean manager = requester.id().equals(room.applicantId()) || requester.id().equals(room.caretakerId());
        model.addAttribute("room", room);
        model.addAttribute("current", details.members().stream().filter(m -> m.current()).toList());
        model.addAttribute("removed", details.members().stream().filter(m -> !m.current()).toList());
        // the caretaker is chosen among the current staff members, never family
        model.addAttribute("staff", details.members().stream().filter(m -> m.current() && !m.family()).toList());
        model.addAttribute("manager", manager && (room.status() == RoomStatus.OPEN || room.status() == RoomStatus.APPLIED));
        model.addAttribute("supportCentre", requester.has(HubRole.HUB_ADMIN));
        model.addAttribute("minute", CareNetPages.MINUTE);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
        return "portal/carenet/members";
    }
}
