package jp.renkei.hub.dicom.secondread;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import jp.renkei.hub.dicom.deid.Deidentifier;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.store.ImageIndex;
import jp.renkei.hub.dicom.store.ObjectStore;
import org.springframework.stereotype.Component;

/**
 * A study as a second read releases it: every instance de-identified with the request's pseudonym, found by its
 * replacement UIDs. Summaries for the worklist go through the same de-identifier, so the worklist shows exactly
 * what the profile lets through (modality, body part, the study date as the dates option allows).
 */
@Component
class ReleasedStudies {

    /** Instances above this size are not rendered as previews (the preview holds the pixels in memory). */
    private static final long PREVIEW_MAX_BYTES = 64L * 1024 * 1024;
    /** Enough for the attributes before the pixel data; bulk values beyond it are skipped, not held. */
    private static final long HEAD_BULK_LIMIT = 64 * 1024;

    /** A released instance: replacement UIDs, and why it cannot be released if so. */
    record Instance(String seriesUid, String sopInstanceUid, String sopClassUid, String modality,
                    Integer instanceNumber, Optional<String> refusal, ImageIndex.Instance original) {
    }

    /** What the worklist shows of a study, taken from a de-identified summary data set. */
    record Summary(String studyUid, List<String> modalities, List<String> bodyParts, String studyDate,
                   int numberOfSeries, int numberOfInstances) {
    }

    private final ImageIndex index;
    private final ObjectStore store;
    private final SecondReadConfig.ReleaseOptions releases;

    ReleasedStudies(ImageIndex index, ObjectStore store, SecondReadConfig.ReleaseOptions releases) {
        this.index = index;
        this.store = store;
        this.releases = releases;
    }

    Summary summary(SecondRead read) {
        ImageIndex.Study study = index.study(read.studyUid()).orElseThrow();
        DataSet summary = new DataSet();
        if (study.studyDate() != null) {
            summary.setStrings(Tag.STUDY_DATE, Vr.DA, study.studyDate());
        }
        summary.setStrings(Tag.STUDY_INSTANCE_UID, Vr.UI, study.studyUid());
        DataSet released = deidentifier(read).deidentify(summary, read.pseudonym());
        Set<String> bodyParts = new LinkedHashSet<>();
        for (ImageIndex.Series series : index.series(read.studyUid())) {
            if (series.bodyPart() != null) {
                bodyParts.add(series.bodyPart());
            }
        }
        return new Summary(released.string(Tag.STUDY_INSTANCE_UID).orElseThrow(), study.modalities(),
                List.copyOf(bodyParts), released.string(Tag.STUDY_DATE).orElse(null), study.numberOfSeries(),
                study.numberOfInstances());
    }

    List<Instance> instances(SecondRead read) throws IOException {
        return released(read, sop -> true);
    }

    /** The instance whose replacement SOP Instance UID is given; only its own file is opened. */
    Optional<Instance> instance(SecondRead read, String releasedSopInstanceUid) throws IOException {
        return released(read, releasedSopInstanceUid::equals).stream().findFirst();
    }

    /** The study's instances whose replacement SOP Instance UID is {@code wanted}, each checked for release. */
    private List<Instance> released(SecondRead read, Predicate<String> wanted) throws IOException {
        var uids = read.pseudonym().uids();
        List<Instance> instances = new ArrayList<>();
        for (ImageIndex.Series series : index.series(read.studyUid())) {
            for (ImageIndex.Instance instance : index.instances(series.seriesUid())) {
                String sop = uids.remap(instance.sopInstanceUid());
                if (wanted.test(sop)) {
                    instances.add(new Instance(uids.remap(series.seriesUid()), sop, instance.sopClassUid(),
                            series.modality(), instance.instanceNumber(), refusal(instance), instance));
                }
            }
        }
        return instances;
    }

    /** Writes the de-identified Part 10 file, its pixel data streamed from the object store. */
    void write(SecondRead read, Instance instance, OutputStream out) throws IOException {
        try (InputStream in = store.open(instance.original().storageKey())) {
            deidentifier(read).deidentify(in, out, read.pseudonym());
        }
    }

    /** A PNG of the instance's first frame, or why there is none. */
    Preview.Rendered preview(Instance instance) throws IOException {
        if (instance.original().sizeBytes() > PREVIEW_MAX_BYTES) {
            return Preview.Rendered.refused("the instance is larger than " + PREVIEW_MAX_BYTES
                    + " bytes; download it instead");
        }
        try (InputStream in = store.open(instance.original().storageKey())) {
            return Preview.render(DicomFile.read(in, Long.MAX_VALUE));
        }
    }

    private Optional<String> refusal(ImageIndex.Instance instance) throws IOException {
        try (InputStream in = store.open(instance.storageKey())) {
            return Deidentifier.refusal(DicomFile.read(in, HEAD_BULK_LIMIT).dataSet());
        }
    }

    private Deidentifier deidentifier(SecondRead read) {
        return releases.deidentifier(read.dateHandling());
    }
}
