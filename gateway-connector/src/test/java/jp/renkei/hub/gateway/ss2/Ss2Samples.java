package jp.renkei.hub.gateway.ss2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jp.renkei.hub.gateway.hl7.Hl7Message;
import jp.renkei.hub.gateway.hl7.Hl7Parser;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.SourceRef;
import org.hl7.fhir.r4.model.Resource;

/** The SS-MIX2 samples beside the checkout, run through decode, parse, identify and map (no store). */
final class Ss2Samples {

    static final Path ROOT = Path.of("../../shared/testdata/ssmix2/sampleData");
    /** The hub's own SS-MIX2 fixtures (written for these tests, ISO-2022-JP, in storage layout). */
    static final Path OWN = Path.of("src/test/resources/ss2-storage");
    static final String FACILITY = "00000000-0000-0000-0000-000000000001";

    /** One file's fate without a store: mapped resources, skipped, or the failure. */
    record Mapped(String relative, List<Resource> resources, String skipped, IngestFailure failure,
                  List<String> warnings) {
    }

    private Ss2Samples() {
    }

    static Mapped map(String relative) {
        return map(relative, read(ROOT.resolve(relative)));
    }

    static Mapped map(String relative, byte[] raw) {
        List<String> warnings = new ArrayList<>();
        try {
            Hl7Message message = Hl7Parser.parse(Iso2022Jp.decode(raw));
            Ss2Input input = Ss2FileIngest.identify(FACILITY, new SourceRef(SourceRef.SS2_FILE, relative), message,
                    warnings);
            var mapper = Ss2Mappers.of(input.dataType());
            if (mapper.isEmpty()) {
                return new Mapped(relative, List.of(), Ss2Mappers.skipReason(input.dataType()), null, warnings);
            }
            return new Mapped(relative, Ss2Pipeline.map(mapper.get(), input, warnings), null, null, warnings);
        } catch (IngestFailure e) {
            return new Mapped(relative, List.of(), null, e, warnings);
        }
    }

    static List<String> all() {
        return all(ROOT);
    }

    static List<String> all(Path root) {
        return Ss2StorageWalker.walk(root).stream().map(Ss2StorageWalker.StoredFile::relative).toList();
    }

    /** A file of the hub's own fixtures. */
    static Mapped own(String relative) {
        return map(relative, read(OWN.resolve(relative)));
    }

    static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
