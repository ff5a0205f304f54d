package jp.renkei.hub.dicom.web;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.dicom.query.StudyAccess;
import jp.renkei.hub.dicom.retrieve.InstanceFiles;
import jp.renkei.hub.dicom.retrieve.Retrieval;
import jp.renkei.hub.dicom.store.ImageIndex;
import org.springframework.stereotype.Component;

/**
 * A patient's images as a clinician's screen shows them (the web portal): the studies of a patient, each study's
 * series and instances, an instance rendered as an image (thumbnail or full size, optionally in a given window).
 * Everything goes through the same gate as QIDO-RS and WADO-RS for the same requester: the studies are
 * {@link StudyAccess#ofPatient}'s (own facility's, another facility's only with an IMAGING consent, each decision
 * audited) and an image is opened through {@link Retrieval#plan(Requester, String, String, String)} and
 * {@link InstanceFiles#read} (another facility's local patient ID replaced) before {@link InstanceRenderer} draws
 * it. A study that is not the patient's, hidden or absent is simply not there ({@link Optional#empty()}), so the
 * caller cannot tell them apart.
 */
@Component
public class ImageViews {

    /** A series with its instances, in series and instance number order. */
    public record SeriesView(ImageIndex.Series series, List<ImageIndex.Instance> instances) {
    }

    /** A visible study with its series. */
    public record StudyView(StudyAccess.Visible visible, List<SeriesView> series) {

        public Optional<SeriesView> series(String seriesUid) {
            return series.stream().filter(s -> s.series().seriesUid().equals(seriesUid)).findFirst();
        }
    }

    /** An encoded image and its media type ({@code image/png} or {@code image/jpeg}). */
    public record Image(String mediaType, byte[] bytes) {
    }

    public static final String PNG = InstanceRenderer.PNG;
    public static final String JPEG = InstanceRenderer.JPEG;
    /** The size a thumbnail is fitted into, as for WADO-RS thumbnails. */
    public static final int THUMBNAIL_SIZE = DicomWebController.THUMBNAIL_SIZE;

    private static final Comparator<ImageIndex.Series> SERIES_ORDER = Comparator.comparing(
            (ImageIndex.Series s) -> s.seriesNumber() == null ? Integer.MAX_VALUE : s.seriesNumber())
            .thenComparing(ImageIndex.Series::seriesUid);
    private static final Comparator<ImageIndex.Instance> INSTANCE_ORDER = Comparator.comparing(
            (ImageIndex.Instance i) -> i.instanceNumber() == null ? Integer.MAX_VALUE : i.instanceNumber())
            .thenComparing(ImageIndex.Instance::sopInstanceUid);

    private final StudyAccess access;
    private final ImageIndex index;
    private final Retrieval retrieval;
    private final InstanceFiles files;

    ImageViews(StudyAccess access, ImageIndex index, Retrieval retrieval, InstanceFiles files) {
        this.access = access;
        this.index = index;
        this.retrieval = retrieval;
        this.files = files;
    }

    /** The patient's studies the requester may see, newest first, with their series. */
    public List<StudyView> studies(Requester requester, EventNumber patient) {
        return access.ofPatient(requester, patient.formatted()).stream()
                .sorted(Comparator.comparing((StudyAccess.Visible v) -> v.study().studyDate() == null ? ""
                        : v.study().studyDate()).reversed())
                .map(this::view).toList();
    }

    /** One of the patient's studies, if the requester may see it. */
    public Optional<StudyView> study(Requester requester, EventNumber patient, String studyUid) {
        return access.ofPatient(requester, patient.formatted()).stream()
                .filter(v -> v.study().studyUid().equals(studyUid)).findFirst().map(this::view);
    }

    /**
     * An instance of one of the patient's studies rendered as {@code mediaType}, fitted into {@code maxSize}
     * pixels (0 = original size), in {@code window} ({@code null} = the instance's own); empty when the
     * requester may not see it, it does not exist or the hub cannot render it.
     */
    public Optional<Image> render(Requester requester, EventNumber patient, String studyUid, String seriesUid,
                                  String sopInstanceUid, String mediaType, int maxSize, Window window)
            throws IOException {
        if (study(requester, patient, studyUid).isEmpty()) {
            return Optional.empty();
        }
        Retrieval.Plan plan = retrieval.plan(requester, studyUid, seriesUid, sopInstanceUid);
        if (plan.denied() || plan.items().isEmpty()) {
            return Optional.empty();
        }
        Retrieval.Item item = plan.items().get(0);
        try {
            InstanceRenderer.Rendered rendered = InstanceRenderer.render(files.read(item, Long.MAX_VALUE),
                    InstanceFiles.syntaxOf(item), mediaType, maxSize, window);
            return Optional.of(new Image(rendered.mediaType(), rendered.bytes()));
        } catch (InstanceRenderer.NotRenderable e) {
            return Optional.empty();
        }
    }

    private StudyView view(StudyAccess.Visible visible) {
        return new StudyView(visible, index.series(visible.study().studyUid()).stream().sorted(SERIES_ORDER)
                .map(s -> new SeriesView(s, index.instances(s.seriesUid()).stream().sorted(INSTANCE_ORDER).toList()))
                .toList());
    }
}
