package jp.renkei.hub.gateway.jahis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.gateway.ingest.IngestResult;
import jp.renkei.hub.gateway.ingest.IngestTally;
import jp.renkei.hub.gateway.ingest.IngestReport;
import jp.renkei.hub.gateway.jahis.JahisImport.JahisImportResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Upload of a JAHIS e-medication-notebook (TC) file, or of a prescription's 2D symbol as scanned (JAHIS10), by a
 * pharmacy: its pharmacy system or pharmacists (the rule
 * is in {@code HubAccessRules}); {@link JahisUpload} checks the acting facility is a pharmacy and finds the patient. The data is attributed to the acting
 * pharmacy, and the patient is that pharmacy's patient, named by its local ID or by an event number the pharmacy
 * has linked. A file the hub cannot read is quarantined (answer 422 with the reason and the quarantined item);
 * a stored file answers 200 with the import report.
 */
@RestController
@RequestMapping("/api/gateway/jahis")
@Tag(name = "JAHIS import", description = "Dispensing records in the JAHIS e-medication-notebook format (TC, every version from 01) and"
        + " prescriptions as their 2D symbol decodes (JAHIS10)")
public class JahisUploadController {

    private final JahisUpload jahisUpload;

    public JahisUploadController(JahisUpload jahisUpload) {
        this.jahisUpload = jahisUpload;
    }

    /**
     * The answer to an upload.
     *
     * @param format              TC (e-medication notebook) or RX (prescription 2D symbol), by the file's header
     * @param status              STORED, QUARANTINED or REJECTED
     * @param counts              records (dispensings) stored, unchanged, superseded …
     * @param dispensings         dispensings in the file
     * @param medicationDispenses MedicationDispense resources the file maps to (TC)
     * @param medicationRequests  MedicationRequest resources the file maps to (RX)
     * @param reason              why it was quarantined, with line, record and field
     * @param location            the same place in the ingest core's notation ({@code 201[4]-6})
     * @param quarantineId        the quarantined item (re-process it at /api/gateway/quarantine/{id}/reprocess)
     * @param warnings            accepted, but worth a look (lines imported with a warning, lines not mapped, a
     *                            lone split part)
     * @param resources           the resources the file maps to, by type (without the Patient)
     * @param lines               TC: every line of the file — imported (into what), WARNED (what was wrong, where,
     *                            what was kept) or NOT_MAPPED (why)
     * @param coverage            TC: the lines counted by outcome, in total and per record
     */
    public record JahisImportReport(String file, String format, IngestResult.Status status, IngestReport counts,
                                    int dispensings, int medicationDispenses, int medicationRequests, String reason, String location, UUID quarantineId,
                                    List<String> warnings, Map<String, Integer> resources, List<TcLine> lines,
                                    TcCoverage coverage) {

        static JahisImportReport of(String file, JahisImportResult imported) {
            IngestResult result = imported.result();
            IngestTally tally = new IngestTally();
            tally.add(result);
            return new JahisImportReport(file, imported.format(), result.status(), tally.report(),
                    imported.dispensings(), imported.medicationDispenses(), imported.medicationRequests(), result.reason(),
                    result.location().isWhole() ? null : result.location().toString(), result.quarantineId(),
                    result.warnings(), imported.resources(), imported.lines(),
                    imported.lines().isEmpty() ? null : TcCoverage.of(imported.lines()));
        }
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import a JAHIS TC or prescription 2D-symbol (JAHIS10) file (multipart part 'file')",
            description = "Name the patient by patientId (the pharmacy's local ID) or eventNumber (linked by the"
                    + " pharmacy). The format is told by the header. CP932 or UTF-8, CRLF or LF. 200 with the report when stored (again: nothing new),"
                    + " 422 with the reason when quarantined.")
    public ResponseEntity<JahisImportReport> uploadMultipart(@RequestPart("file") MultipartFile file,
                                                             @RequestParam(required = false) String patientId,
                                                             @RequestParam(required = false) String eventNumber,
                                                             HttpServletRequest request) {
        try {
            return upload(file.getOriginalFilename(), file.getBytes(), patientId, eventNumber, Requesters.current(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PostMapping(consumes = {MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Import a JAHIS TC file sent as the request body",
            description = "As the multipart form; fileName names the file in reports and the quarantine.")
    public ResponseEntity<JahisImportReport> uploadBody(@RequestBody byte[] body,
                                                        @RequestParam(required = false) String fileName,
                                                        @RequestParam(required = false) String patientId,
                                                        @RequestParam(required = false) String eventNumber,
                                                        HttpServletRequest request) {
        return upload(fileName, body, patientId, eventNumber, Requesters.current(request));
    }

    private ResponseEntity<JahisImportReport> upload(String fileName, byte[] bytes, String patientId,
                                                     String eventNumber, Requester requester) {
        JahisUpload.Uploaded uploaded;
        try {
            uploaded = jahisUpload.upload(requester, fileName, bytes,
                    new JahisUpload.PatientRef(patientId, eventNumber));
        } catch (JahisUpload.UploadRefused e) {
            throw switch (e.refusal()) {
                case NOT_A_PHARMACY -> new ApiException(HttpStatus.FORBIDDEN, e.getMessage());
                case TOO_LARGE -> new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
                case EMPTY -> ApiException.invalid("file", e.getMessage());
                case PATIENT_MISSING -> ApiException.invalid("patientId", e.getMessage());
                case NUMBER_INVALID, NUMBER_NOT_LINKED, NUMBER_AMBIGUOUS -> ApiException.invalid("eventNumber",
                        e.getMessage());
            };
        }
        JahisImportResult imported = uploaded.imported();
        JahisImportReport report = JahisImportReport.of(uploaded.fileName(), imported);
        return ResponseEntity.status(imported.result().accepted() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY)
                .body(report);
    }
}
