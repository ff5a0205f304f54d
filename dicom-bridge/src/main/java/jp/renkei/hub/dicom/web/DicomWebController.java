package jp.renkei.hub.dicom.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.security.AuditAddenda;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomFormatException;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.FileMetaInformation;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.query.FindService;
import jp.renkei.hub.dicom.query.QueryKeys;
import jp.renkei.hub.dicom.query.StudyAccess;
import jp.renkei.hub.dicom.query.StudyAttributes;
import jp.renkei.hub.dicom.retrieve.InstanceFiles;
import jp.renkei.hub.dicom.retrieve.Retrieval;
import jp.renkei.hub.dicom.store.ImageIndex;
import jp.renkei.hub.dicom.store.ImagingStudyPublisher;
import jp.renkei.hub.dicom.store.InstanceStore;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * DICOMweb (PS3.18) on the hub's image index: QIDO-RS searches, WADO-RS retrieval of instances, metadata and
 * rendered images, STOW-RS uploads. What a caller may see is decided by {@link StudyAccess} — its facility's
 * own studies, another facility's with an IMAGING consent, each such decision audited — exactly as for
 * C-FIND and C-GET; uploads go through the {@link InstanceStore} that C-STORE uses. Who may call at all is in
 * {@code HubAccessRules}. The caller is the request's {@link Requester}, whose purpose of use goes into
 * every decision's audit record. Refusals are problem+json.
 */
@RestController
@RequestMapping("/dicomweb")
public class DicomWebController {

    static final String DICOM_JSON = "application/dicom+json";
    static final String DICOM = "application/dicom";
    /** The size a thumbnail is fitted into. */
    static final int THUMBNAIL_SIZE = 128;
    /** Data elements longer than this are left out of metadata (bulk data). */
    private static final long METADATA_BULK_THRESHOLD = 1024;

    private final StudyAccess access;
    private final ImageIndex index;
    private final Retrieval retrieval;
    private final InstanceFiles files;
    private final InstanceStore instances;
    private final ImagingStudyPublisher publisher;
    private final AuditTrail audit;
    private final ObjectMapper json;

    DicomWebController(StudyAccess access, ImageIndex index, Retrieval retrieval, InstanceFiles files,
                       InstanceStore instances, ImagingStudyPublisher publisher, AuditTrail audit, ObjectMapper json) {
        this.access = access;
        this.index = index;
        this.retrieval = retrieval;
        this.files = files;
        this.instances = instances;
        this.publisher = publisher;
        this.audit = audit;
        this.json = json;
    }

    // ---- QIDO-RS ----

    @GetMapping("/studies")
    public void searchStudies(@RequestParam MultiValueMap<String, String> parameters,
                              HttpServletResponse response) throws IOException {
        QidoQuery query = QidoQuery.parse(parameters, QidoQuery.STUDY_KEYS);
        List<DataSet> matches = new ArrayList<>();
        for (StudyAccess.Visible visible : access.ofPatient(Requesters.current(), query.value(Tag.PATIENT_ID))) {
            if (FindService.studyMatches(query.keys(), visible.study())) {
                matches.add(withUrl(StudyAttributes.study(visible.study(), visible.patientId(), all()),
                        studyUrl(visible.study().studyUid())));
            }
        }
        writeJson(response, query.page(matches));
    }

    @GetMapping("/studies/{study}/series")
    public void searchSeries(@PathVariable String study, @RequestParam MultiValueMap<String, String> parameters,
                             HttpServletResponse response) throws IOException {
        QidoQuery query = QidoQuery.parse(parameters, QidoQuery.SERIES_KEYS);
        StudyAccess.Visible visible = visibleStudy(study);
        List<DataSet> matches = new ArrayList<>();
        for (ImageIndex.Series series : index.series(study)) {
            if (seriesMatches(query, series)) {
                DataSet set = StudyAttributes.study(visible.study(), visible.patientId(), all());
                matches.add(withUrl(StudyAttributes.series(set, series, all()),
                        studyUrl(study) + "/series/" + series.seriesUid()));
            }
        }
        writeJson(response, query.page(matches));
    }

    @GetMapping("/studies/{study}/series/{series}/instances")
    public void searchInstances(@PathVariable String study, @PathVariable String series,
                                @RequestParam MultiValueMap<String, String> parameters,
                                HttpServletResponse response) throws IOException {
        QidoQuery query = QidoQuery.parse(parameters, QidoQuery.INSTANCE_KEYS);
        StudyAccess.Visible visible = visibleStudy(study);
        ImageIndex.Series found = index.series(study).stream().filter(s -> s.seriesUid().equals(series))
                .findFirst().orElseThrow(() -> ApiException.notFound("series " + series + " of study " + study));
        List<DataSet> matches = new ArrayList<>();
        for (ImageIndex.Instance instance : index.instances(series)) {
            if (QueryKeys.matchesUid(query.keys().strings(Tag.SOP_INSTANCE_UID), instance.sopInstanceUid())
                    && QueryKeys.matchesUid(query.keys().strings(Tag.SOP_CLASS_UID), instance.sopClassUid())) {
                DataSet set = StudyAttributes.series(StudyAttributes.study(visible.study(), visible.patientId(),
                        all()), found, all());
                matches.add(withUrl(StudyAttributes.instance(set, instance, all()),
                        instanceUrl(study, series, instance.sopInstanceUid())));
            }
        }
        writeJson(response, query.page(matches));
    }

    private static boolean seriesMatches(QidoQuery query, ImageIndex.Series series) {
        return QueryKeys.matchesUid(query.keys().strings(Tag.SERIES_INSTANCE_UID), series.seriesUid())
                && QueryKeys.matches(query.value(Tag.MODALITY), series.modality());
    }

    private StudyAccess.Visible visibleStudy(String study) {
        StudyAccess.Lookup lookup = access.study(Requesters.current(), study);
        if (lookup.denied()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "study " + study + " is another facility's and the patient "
                    + "has no IMAGING consent covering your facility");
        }
        return lookup.found().orElseThrow(() -> ApiException.notFound("study " + study));
    }

    // ---- WADO-RS ----

    @GetMapping("/studies/{study}")
    public void retrieveStudy(@PathVariable String study, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        retrieveInstances(plan(study, null, null), request, response);
    }

    @GetMapping("/studies/{study}/series/{series}")
    public void retrieveSeries(@PathVariable String study, @PathVariable String series,
                               HttpServletRequest request, HttpServletResponse response) throws IOException {
        retrieveInstances(plan(study, series, null), request, response);
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}")
    public void retrieveInstance(@PathVariable String study, @PathVariable String series,
                                 @PathVariable String instance, HttpServletRequest request,
                                 HttpServletResponse response) throws IOException {
        retrieveInstances(plan(study, series, instance), request, response);
    }

    @GetMapping("/studies/{study}/metadata")
    public void studyMetadata(@PathVariable String study, HttpServletResponse response) throws IOException {
        metadata(plan(study, null, null), response);
    }

    @GetMapping("/studies/{study}/series/{series}/metadata")
    public void seriesMetadata(@PathVariable String study, @PathVariable String series,
                               HttpServletResponse response) throws IOException {
        metadata(plan(study, series, null), response);
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}/metadata")
    public void instanceMetadata(@PathVariable String study, @PathVariable String series,
                                 @PathVariable String instance, HttpServletResponse response) throws IOException {
        metadata(plan(study, series, instance), response);
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}/rendered")
    public void rendered(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
                         HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(plan(study, series, instance), request, response, 0);
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}/thumbnail")
    public void thumbnail(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
                          HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(plan(study, series, instance), request, response, THUMBNAIL_SIZE);
    }

    private Retrieval.Plan plan(String study, String series, String instance) {
        Retrieval.Plan plan = retrieval.plan(Requesters.current(), study, series, instance);
        if (plan.denied()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "study " + study + " is another facility's and the patient "
                    + "has no IMAGING consent covering your facility");
        }
        if (plan.items().isEmpty()) {
            throw ApiException.notFound(instance != null ? "instance " + instance : series != null
                    ? "series " + series : "study " + study);
        }
        return plan;
    }

    private void retrieveInstances(Retrieval.Plan plan, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String accept = request.getHeader("Accept");
        if (accept != null && !accept.contains("multipart/related") && !accept.contains("*/*")) {
            throw new ApiException(HttpStatus.NOT_ACCEPTABLE, "instances are returned as multipart/related; "
                    + "type=\"application/dicom\"; the request accepts only " + accept);
        }
        if (accept != null && accept.contains("multipart/related")) {
            String type = MultipartRelated.parameter(accept, "type");
            if (type != null && !type.equals(DICOM)) {
                throw new ApiException(HttpStatus.NOT_ACCEPTABLE, "parts of type " + type + " are not offered; "
                        + "instances are returned as application/dicom in the syntax they were stored in");
            }
        }
        String boundary = MultipartRelated.newBoundary();
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("multipart/related; type=\"" + DICOM + "\"; boundary=" + boundary);
        MultipartRelated.Writer parts = new MultipartRelated.Writer(response.getOutputStream(), boundary);
        for (Retrieval.Item item : plan.items()) {
            try (InputStream file = files.part10(item)) {
                parts.part(DICOM + "; transfer-syntax=" + item.instance().transferSyntaxUid(), file);
            }
        }
        parts.finish();
    }

    private void metadata(Retrieval.Plan plan, HttpServletResponse response) throws IOException {
        List<DataSet> sets = new ArrayList<>();
        for (Retrieval.Item item : plan.items()) {
            sets.add(files.read(item, METADATA_BULK_THRESHOLD));
        }
        writeJson(response, sets);
    }

    private void render(Retrieval.Plan plan, HttpServletRequest request, HttpServletResponse response, int maxSize)
            throws IOException {
        String accept = request.getHeader("Accept");
        String mediaType = accept == null || accept.contains(InstanceRenderer.JPEG) || accept.contains("image/*")
                || accept.contains("*/*") ? InstanceRenderer.JPEG
                : accept.contains(InstanceRenderer.PNG) ? InstanceRenderer.PNG : null;
        if (mediaType == null) {
            throw new ApiException(HttpStatus.NOT_ACCEPTABLE, "rendered images are image/jpeg or image/png; the "
                    + "request accepts only " + accept);
        }
        Retrieval.Item item = plan.items().get(0);
        InstanceRenderer.Rendered image;
        try {
            image = InstanceRenderer.render(files.read(item, Long.MAX_VALUE), InstanceFiles.syntaxOf(item),
                    mediaType, maxSize);
        } catch (InstanceRenderer.NotRenderable e) {
            throw new ApiException(HttpStatus.NOT_ACCEPTABLE, "instance " + item.instance().sopInstanceUid()
                    + " cannot be rendered: " + e.getMessage());
        }
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(image.mediaType());
        response.setContentLength(image.bytes().length);
        response.getOutputStream().write(image.bytes());
    }

    // ---- STOW-RS ----

    @PostMapping("/studies")
    public void storeInstances(HttpServletRequest request, HttpServletResponse response) throws IOException {
        store(null, request, response);
    }

    @PostMapping("/studies/{study}")
    public void storeInstancesOfStudy(@PathVariable String study, HttpServletRequest request,
                                      HttpServletResponse response) throws IOException {
        store(study, request, response);
    }

    private void store(String study, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Requester requester = Requesters.current(request);
        String contentType = request.getContentType() == null ? "" : request.getContentType();
        String boundary = MultipartRelated.parameter(contentType, "boundary");
        String type = MultipartRelated.parameter(contentType, "type");
        if (!contentType.toLowerCase().startsWith("multipart/related") || boundary == null) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "STOW-RS takes multipart/related; type=\""
                    + DICOM + "\" with a boundary; got '" + contentType + "'");
        }
        if (type != null && !type.equals(DICOM)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "parts of type " + type + " are not "
                    + "accepted; send Part 10 instances as " + DICOM);
        }
        InstanceStore.Sender sender = new InstanceStore.Sender(requester.facilityId(), InstanceStore.DICOMWEB);
        // the request's instances are indexed together at its end: one database commit per request
        InstanceStore.Upload upload = instances.upload(sender, study);
        List<FileMetaInformation> added = new ArrayList<>();
        Stored result = new Stored();
        MultipartRelated.Reader reader = new MultipartRelated.Reader(request.getInputStream(), boundary);
        try {
            for (MultipartRelated.Part part = reader.next(); part != null; part = reader.next()) {
                addPart(upload, part, added, result);
            }
        } catch (MultipartRelated.MalformedBody e) {
            upload.abandon();
            throw ApiException.invalid("body", e.getMessage() + "; nothing of this request was stored");
        } catch (IOException | RuntimeException e) {
            upload.abandon();
            throw e;
        }
        List<InstanceStore.Outcome> outcomes = upload.finish();
        for (int i = 0; i < outcomes.size(); i++) {
            result.add(added.get(i), outcomes.get(i));
        }
        // gathered: a client's many small requests of one study share one ImagingStudy write
        publisher.publishSoon(result.studies);
        List<DataSet> stored = result.stored;
        List<DataSet> failed = result.failed;
        Set<String> studies = result.studies;
        if (stored.isEmpty() && failed.isEmpty()) {
            throw ApiException.invalid("body", "the multipart body has no parts");
        }
        AuditEntry uploadRecord = new AuditEntry(requester.kind().name(), requester.id(), requester.facilityId(),
                requester.roleNames(), null, AuditAction.CREATE, "DICOMweb STOW-RS",
                failed.isEmpty() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, 0, requester.purpose().name(),
                request.getRemoteAddr(), "stored " + stored.size() + " instance(s) of studies " + studies
                        + ", refused " + failed.size());
        // written with the request's own record, in its commit before the answer leaves: one wait instead of two
        AuditAddenda addenda = AuditAddenda.of(request).filter(a -> !a.answerRecorded()).orElse(null);
        if (addenda != null) {
            addenda.add(() -> List.of(uploadRecord));
        } else {
            audit.record(uploadRecord);
        }
        DataSet answer = new DataSet();
        if (study != null) {
            answer.setStrings(Tag.RETRIEVE_URL, Vr.UR, studyUrl(study));
        }
        if (!failed.isEmpty()) {
            answer.setItems(Tag.FAILED_SOP_SEQUENCE, true, failed);
        }
        if (!stored.isEmpty()) {
            answer.setItems(Tag.REFERENCED_SOP_SEQUENCE, true, stored);
        }
        // PS3.18 10.5.3: all stored 200, some 202, none 409.
        response.setStatus(failed.isEmpty() ? 200 : stored.isEmpty() ? 409 : 202);
        for (String reason : result.reasons) {
            response.addHeader("Warning", "299 renkei-hub \"" + reason.replace('"', '\'') + "\"");
        }
        response.setContentType(DICOM_JSON);
        try (JsonGenerator out = json.getFactory().createGenerator((OutputStream) response.getOutputStream())) {
            DicomJson.write(out, answer);
        }
    }

    /** What a STOW-RS request did, part by part; the reasons of failures go out as Warning headers. */
    private static final class Stored {
        final List<DataSet> stored = new ArrayList<>();
        final List<DataSet> failed = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        final Set<String> studies = new LinkedHashSet<>();
        /** Parts read so far: a part that is no readable instance is named by its number. */
        int partsRead;

        void failed(String sopClass, String sopInstance, int status, String reason) {
            failed.add(reference(sopClass, sopInstance, status));
            reasons.add((sopInstance.isEmpty() ? "part " + partsRead : sopInstance) + ": " + reason);
        }

        void add(FileMetaInformation meta, InstanceStore.Outcome outcome) {
            if (!outcome.stored()) {
                failed(meta.mediaStorageSopClassUid(), meta.mediaStorageSopInstanceUid(), outcome.status(),
                        outcome.comment());
                return;
            }
            studies.add(outcome.studyUid());
            stored.add(reference(meta.mediaStorageSopClassUid(), meta.mediaStorageSopInstanceUid(), Dimse.SUCCESS)
                    .setStrings(Tag.RETRIEVE_URL, Vr.UR, instanceUrl(outcome.studyUid(), outcome.seriesUid(),
                            meta.mediaStorageSopInstanceUid())));
        }
    }

    /** A part that is not a readable Part 10 instance fails at once; the others go into the upload. */
    private static void addPart(InstanceStore.Upload upload, MultipartRelated.Part part,
                                List<FileMetaInformation> added, Stored result) throws IOException {
        result.partsRead++;
        String partType = part.contentType();
        if (!partType.isEmpty() && !partType.toLowerCase().startsWith(DICOM)) {
            result.failed("", "", Dimse.SOP_CLASS_NOT_SUPPORTED, "part of type " + partType + " is not " + DICOM);
            return;
        }
        FileMetaInformation meta;
        TransferSyntax syntax;
        try {
            meta = DicomFile.readHeader(part.content());
            syntax = DicomFile.syntaxOf(meta);
        } catch (DicomFormatException e) {
            result.failed("", "", Dimse.CANNOT_UNDERSTAND, e.getMessage());
            return;
        }
        upload.add(meta.mediaStorageSopClassUid(), meta.mediaStorageSopInstanceUid(), syntax, part.content());
        added.add(meta);
    }

    /** An item of ReferencedSOPSequence or FailedSOPSequence; failures carry their reason code. */
    private static DataSet reference(String sopClass, String sopInstance, int status) {
        DataSet item = new DataSet();
        item.setStrings(Tag.REFERENCED_SOP_CLASS_UID, Vr.UI, sopClass);
        item.setStrings(Tag.REFERENCED_SOP_INSTANCE_UID, Vr.UI, sopInstance);
        if (status != Dimse.SUCCESS) {
            item.setInt(Tag.FAILURE_REASON, Vr.US, status);
        }
        return item;
    }

    // ---- shared ----

    private static IntPredicate all() {
        return tag -> true;
    }

    private static DataSet withUrl(DataSet set, String url) {
        return set.setStrings(Tag.RETRIEVE_URL, Vr.UR, url);
    }

    private static String studyUrl(String study) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/dicomweb/studies/{study}")
                .buildAndExpand(study).toUriString();
    }

    private static String instanceUrl(String study, String series, String instance) {
        return studyUrl(study) + "/series/" + series + "/instances/" + instance;
    }

    private void writeJson(HttpServletResponse response, List<DataSet> sets) throws IOException {
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(DICOM_JSON);
        try (JsonGenerator out = json.getFactory().createGenerator((OutputStream) response.getOutputStream())) {
            out.writeStartArray();
            for (DataSet set : sets) {
                DicomJson.write(out, set);
            }
            out.writeEndArray();
        }
    }
}
