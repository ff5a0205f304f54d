package jp.renkei.hub.app.portal.radiology;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.HubAccessRules;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.dicom.store.ImageIndex;
import jp.renkei.hub.dicom.web.ImageViews;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A patient's images for clinicians: the studies the IMAGING consent decision lets the person's facility see, a
 * thumbnail per series, and a viewer that steps through a series' instances in a chosen window. Every datum comes
 * from {@link ImageViews} as the person's {@link Requester} — the gate QIDO-RS and WADO-RS use — and only people
 * with an image-viewing role ({@link HubAccessRules#IMAGE_VIEWERS}) may open it. A study, series or instance that
 * is hidden, absent or not this patient's answers the same 404 page.
 */
@Controller
class PortalImagingController {

    /** A series as the study list shows it. */
    record SeriesRow(String uid, Integer number, String modality, String description, String bodyPart,
                     int instances, String thumbnail, String viewer) {
    }

    /** A study as the study list shows it. */
    record StudyRow(String uid, String date, String modalities, String description, String facility, boolean own,
                    boolean mayRequestSecondRead, List<SeriesRow> series) {
    }

    /** A window preset link of the viewer. */
    record PresetLink(String code, String label, String url, boolean selected) {
    }

    private final ImageViews images;
    private final FacilityRegistry facilities;

    PortalImagingController(ImageViews images, FacilityRegistry facilities) {
        this.images = images;
        this.facilities = facilities;
    }

    @GetMapping("/portal/patients/{number}/images")
    String studies(@PathVariable String number, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        if (!RadiologyPages.hasAny(request, HubAccessRules.IMAGE_VIEWERS)) {
            return RadiologyPages.denied(response, model);
        }
        Optional<EventNumber> patient = RadiologyPages.eventNumber(number);
        if (patient.isEmpty()) {
            return RadiologyPages.notFound(response, model);
        }
        Requester requester = Requesters.current(request);
        List<ImageViews.StudyView> studies = images.studies(requester, patient.get());
        model.addAttribute("number", patient.get().formatted());
        if (studies.isEmpty()) {
            // no study, or none the person may see: the same page
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "portal/radiology/no-images";
        }
        boolean requester2nd = RadiologyPages.hasAny(request, HubAccessRules.SECOND_READ_REQUESTERS);
        String base = "/portal/patients/" + patient.get().formatted() + "/images/";
        model.addAttribute("studies", studies.stream().map(s -> {
            ImageIndex.Study study = s.visible().study();
            boolean own = study.facilityId().equals(requester.facilityId());
            return new StudyRow(study.studyUid(), date(study.studyDate()), String.join(", ", study.modalities()),
                    study.studyDescription(), facilities.find(study.facilityId()).map(f -> f.details().name())
                    .orElse(""), own, own && requester2nd, s.series().stream().map(series -> {
                        String path = base + study.studyUid() + "/" + series.series().seriesUid();
                        List<ImageIndex.Instance> instances = series.instances();
                        String middle = instances.isEmpty() ? null
                                : instances.get(instances.size() / 2).sopInstanceUid();
                        return new SeriesRow(series.series().seriesUid(), series.series().seriesNumber(),
                                series.series().modality(), series.series().seriesDescription(),
                                series.series().bodyPart(), instances.size(),
                                middle == null ? null : path + "/" + middle + "/thumbnail", path);
                    }).toList());
        }).toList());
        return "portal/radiology/images";
    }

    @GetMapping("/portal/patients/{number}/images/{study}/{series}")
    String viewer(@PathVariable String number, @PathVariable String study, @PathVariable String series,
                  @RequestParam(name = "i", defaultValue = "1") int position,
                  @RequestParam(name = "w", defaultValue = "auto") String window,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!RadiologyPages.hasAny(request, HubAccessRules.IMAGE_VIEWERS)) {
            return RadiologyPages.denied(response, model);
        }
        Optional<EventNumber> patient = RadiologyPages.eventNumber(number);
        Optional<ImageViews.StudyView> found = patient.flatMap(p -> images.study(Requesters.current(request), p,
                study));
        Optional<ImageViews.SeriesView> shown = found.flatMap(s -> s.series(series));
        if (shown.isEmpty() || position < 1 || position > shown.get().instances().size()) {
            return RadiologyPages.notFound(response, model);
        }
        WindowPreset preset = WindowPreset.of(window).orElse(WindowPreset.AUTO);
        ImageIndex.Series s = shown.get().series();
        ImageIndex.Study st = found.get().visible().study();
        int count = shown.get().instances().size();
        String path = "/portal/patients/" + patient.get().formatted() + "/images/" + study + "/" + series;
        String instance = shown.get().instances().get(position - 1).sopInstanceUid();
        model.addAttribute("number", patient.get().formatted());
        model.addAttribute("studyDate", date(st.studyDate()));
        model.addAttribute("studyDescription", st.studyDescription());
        model.addAttribute("modality", s.modality());
        model.addAttribute("seriesDescription", s.seriesDescription());
        model.addAttribute("seriesNumber", s.seriesNumber());
        model.addAttribute("position", position);
        model.addAttribute("count", count);
        model.addAttribute("presetLabel", preset.label());
        model.addAttribute("image", path + "/" + instance + "/rendered" + (preset == WindowPreset.AUTO ? ""
                : "?w=" + preset.code()));
        model.addAttribute("previous", position > 1 ? path + "?i=" + (position - 1) + "&w=" + preset.code() : null);
        model.addAttribute("next", position < count ? path + "?i=" + (position + 1) + "&w=" + preset.code() : null);
        model.addAttribute("first", path + "?i=1&w=" + preset.code());
        model.addAttribute("last", path + "?i=" + count + "&w=" + preset.code());
        model.addAttribute("windowed", "CT".equals(s.modality()));
        model.addAttribute("presets", List.of(WindowPreset.values()).stream().map(p -> new PresetLink(p.code(),
                p.label(), path + "?i=" + position + "&w=" + p.code(), p == preset)).toList());
        return "portal/radiology/viewer";
    }

    @GetMapping("/portal/patients/{number}/images/{study}/{series}/{instance}/thumbnail")
    ResponseEntity<byte[]> thumbnail(@PathVariable String number, @PathVariable String study,
                                     @PathVariable String series, @PathVariable String instance,
                                     HttpServletRequest request) throws IOException {
        return image(number, study, series, instance, ImageViews.THUMBNAIL_SIZE, WindowPreset.AUTO, request);
    }

    @GetMapping("/portal/patients/{number}/images/{study}/{series}/{instance}/rendered")
    ResponseEntity<byte[]> rendered(@PathVariable String number, @PathVariable String study,
                                    @PathVariable String series, @PathVariable String instance,
                                    @RequestParam(name = "w", defaultValue = "auto") String window,
                                    HttpServletRequest request) throws IOException {
        return image(number, study, series, instance, 0, WindowPreset.of(window).orElse(WindowPreset.AUTO),
                request);
    }

    private ResponseEntity<byte[]> image(String number, String study, String series, String instance, int size,
                                         WindowPreset preset, HttpServletRequest request) throws IOException {
        if (!RadiologyPages.hasAny(request, HubAccessRules.IMAGE_VIEWERS)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        Optional<EventNumber> patient = RadiologyPages.eventNumber(number);
        Optional<ImageViews.Image> image = patient.isEmpty() ? Optional.empty()
                : images.render(Requesters.current(request), patient.get(), study, series, instance,
                ImageViews.PNG, size, preset.window());
        return image.map(i -> ResponseEntity.ok().contentType(MediaType.parseMediaType(i.mediaType()))
                        .cacheControl(CacheControl.noStore()).body(i.bytes()))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }

    /** A DICOM date (yyyyMMdd) as yyyy-MM-dd; anything else as it is. */
    static String date(String dicomDate) {
        if (dicomDate == null) {
            return "";
        }
        return dicomDate.matches("\\d{8}") ? dicomDate.substring(0, 4) + "-" + dicomDate.substring(4, 6) + "-"
                + dicomDate.substring(6) : dicomDate;
    }
}
