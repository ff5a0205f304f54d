package jp.renkei.hub.app.support;

/** External test data beside the checkout (never copied into the repository). Paths are relative to hub-app/. */
public final class TestPaths {

    public static final String SHARED = "../../shared";
    public static final String JP_CORE_PACKAGE = SHARED + "/testdata/jp-fhir/jp-core.r4-1.1.2.tgz";
    public static final String JAHIS_FIXTURES = SHARED + "/testdata/jahis/fixtures";

    private TestPaths() {
    }
}
