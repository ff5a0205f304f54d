package jp.renkei.hub.core.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.testsupport.HubCoreTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@HubCoreTest
class FacilityAdminApiTest {

    private static final String FACILITIES = "/api/admin/facilities";
    private static final HubAuthentication ADMIN = FacilityFixtures.admin("hub-admin-42");

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anApplicationIsCreatedAsAppliedWithItsLocation() throws Exception {
        String code = FacilityFixtures.code('4');
        String aeTitle = FacilityFixtures.aeTitle();
        Map<String, Object> body = FacilityFixtures.applicationJson("PHARMACY", code);
        FacilityFixtures.detailsOf(body).put("aeTitles", List.of(aeTitle));

        String location = send(post(FACILITIES), body)
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", matchesPattern("http://localhost" + FACILITIES + "/[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.kind").value("PHARMACY"))
                .andExpect(jsonPath("$.medicalInstitutionCode").value(code))
                .andExpect(jsonPath("$.status").value("APPLIED"))
                .andExpect(jsonPath("$.details.nameKana").value("テスト　イイン"))
                .andExpect(jsonPath("$.details.address.postalCode").value("965-0871"))
                .andExpect(jsonPath("$.details.contact.phone").value("0242-00-0002"))
                .andExpect(jsonPath("$.details.aeTitles").value(contains(aeTitle)))
                .andExpect(jsonPath("$.updatedBy").value("hub-admin-42"))
                .andReturn().getResponse().getHeader("Location");

        mvc.perform(get(location).with(authentication(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.medicalInstitutionCode").value(code))
                .andExpect(jsonPath("$.createdAt").isNotEmpty());
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(nullValues = "none", delimiter = '|', value = {
            "HOSPITAL               | none        | a hospital must have a medical-institution code",
            "CARE_MANAGEMENT_OFFICE | 0770400012  | a care-management office must not have a medical-institution code",
            "PHARMACY               | 0710100017  | a pharmacy's code has fee-schedule digit 4, not 1",
            "DENTAL_CLINIC          | 0740300015  | a dental clinic's code has fee-schedule digit 3, not 4",
            "CLINIC                 | 0010100017  | prefecture '00' is not between 01 and 47",
            "CLINIC                 | 4810100017  | prefecture '48' is not between 01 and 47",
            "CLINIC                 | 071010001   | must be 10 digits, got 9 characters",
            "CLINIC                 | 07101000170 | must be 10 digits, got 11 characters",
            "CLINIC                 | 07101000AB  | must be 10 digits; 'A' at position 9 is not an ASCII digit",
            "CLINIC                 | ''          | must be 10 digits, got 0 characters"})
    void codesAreCheckedAgainstTheKindAndTheFieldIsNamed(String kind, String code, String message) throws Exception {
        List<Integer> rows = FacilityFixtures.rowCounts(jdbc);

        send(post(FACILITIES), FacilityFixtures.applicationJson(kind, code))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("medicalInstitutionCode: " + message))
                .andExpect(jsonPath("$.errors.medicalInstitutionCode").value(message));
        assertThat(FacilityFixtures.rowCounts(jdbc)).isEqualTo(rows);
    }

    @Test
    void facilitiesWithoutACodeAndVisitingNurseStationsWithOrWithoutOneAreAccepted() throws Exception {
        send(post(FACILITIES), FacilityFixtures.applicationJson("CARE_MANAGEMENT_OFFICE", null))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.medicalInstitutionCode").isEmpty());
        send(post(FACILITIES), FacilityFixtures.applicationJson("VISITING_NURSE_STATION", null))
                .andExpect(status().isCreated());
        send(post(FACILITIES), FacilityFixtures.applicationJson("VISITING_NURSE_STATION", FacilityFixtures.code('6')))
                .andExpect(status().isCreated());
    }

    @Test
    void badInputIsRefusedNamingEachFieldAndNothingIsSaved() throws Exception {
        List<Integer> rows = FacilityFixtures.rowCounts(jdbc);

        refused(details -> details.remove("name"), "details.name", "must not be blank");
        refused(body -> body.put("kind", "SPACESHIP"), "kind", "'SPACESHIP' is not a valid FacilityKind");
        refused(body -> body.remove("kind"), "kind", "must not be null");
        refused(body -> body.remove("details"), "details", "must not be null");
        refused(details -> details.put("address", "福島県福島市大町1-1"), "details.address", "expected Address");
        refused(details -> details.put("aeTitles", "PACS"), "details.aeTitles", "expected ArrayList");
        refused(details -> details.put("aeTitles", List.of("pacs")), "details.aeTitles[0]", AeTitle.RULE);
        refused(details -> details.put("aeTitles", List.of("PACS", " CT")), "details.aeTitles[1]", AeTitle.RULE);
        refused(details -> details.put("aeTitles", List.of("PACS", "PACS")), "details.aeTitles",
                "must only contain unique elements");
        refused(details -> details.put("nameKana", "ふくしま"), "details.nameKana", FacilityDetails.KANA_RULE);
        refused(details -> details.put("name", "名".repeat(201)), "details.name", "size must be between 0 and 200");
        refused(details -> details.put("region", " "), "details.region", "must not be blank");
        refused(details -> details.put("name", "\u3000\u3000"), "details.name", "must not be blank");
        refused(details -> details.put("address", Map.of("postalCode", "965-0871", "prefecture", "福島県",
                "city", "\u3000", "line", "栄町2-3")), "details.address.city", "must not be blank");
        refused(details -> details.put("address", Map.of("postalCode", "9650871", "prefecture", "福島県",
                "city", "会津若松市", "line", "栄町2-3")), "details.address.postalCode", PostalAddress.POSTAL_CODE_RULE);
        refused(details -> details.put("contact", Map.of("phone", "12345")), "details.contact.phone",
                FacilityContact.PHONE_RULE);
        refused(details -> details.put("contact", Map.of("phone", "024-000-0001", "email", "no-at-sign")),
                "details.contact.email", FacilityContact.EMAIL_RULE);

        assertThat(FacilityFixtures.rowCounts(jdbc)).isEqualTo(rows);
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() throws Exception {
        Map<String, Object> body = FacilityFixtures.applicationJson("HOSPITAL", FacilityFixtures.code('1'));
        Map<String, Object> details = FacilityFixtures.detailsOf(body);
        details.remove("name");
        details.put("nameKana", "Fukushima");
        details.put("aeTitles", List.of("ok", "OK"));

        send(post(FACILITIES), body)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['details.name']").value("must not be blank"))
                .andExpect(jsonPath("$.errors['details.nameKana']").value(FacilityDetails.KANA_RULE))
                .andExpect(jsonPath("$.errors['details.aeTitles[0]']").value(AeTitle.RULE));
    }

    @Test
    void aTakenCodeOrAeTitleIsAConflictAndNothingIsSaved() throws Exception {
        String code = FacilityFixtures.code('1');
        String aeTitle = FacilityFixtures.aeTitle();
        Map<String, Object> first = FacilityFixtures.applicationJson("CLINIC", code);
        FacilityFixtures.detailsOf(first).put("aeTitles", List.of(aeTitle));
        send(post(FACILITIES), first).andExpect(status().isCreated());
        List<Integer> rows = FacilityFixtures.rowCounts(jdbc);

        send(post(FACILITIES), FacilityFixtures.applicationJson("HOSPITAL", code))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("medical-institution code " + code
                        + " is already registered to facility " + FacilityFixtures.detailsOf(first).get("name"))));
        Map<String, Object> second = FacilityFixtures.applicationJson("CLINIC", FacilityFixtures.code('1'));
        FacilityFixtures.detailsOf(second).put("aeTitles", List.of(FacilityFixtures.aeTitle(), aeTitle));
        send(post(FACILITIES), second)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("AE title '" + aeTitle + "' is already used by facility")));

        assertThat(FacilityFixtures.rowCounts(jdbc)).isEqualTo(rows);
    }

    @Test
    void theStatusFollowsTheLifecycleAndTheHistoryShowsWhoWhenAndWhy() throws Exception {
        String id = created(FacilityFixtures.applicationJson("HOSPITAL", FacilityFixtures.code('1')));

        changeStatus(id, "APPROVED", null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPROVED"));
        changeStatus(id, "ACTIVE", null).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
        changeStatus(id, "APPROVED", null)
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("facility " + id
                        + " cannot change from ACTIVE to APPROVED; allowed from ACTIVE: SUSPENDED, WITHDRAWN"));
        changeStatus(id, "SUSPENDED", " ")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.reason").value("must be given to change the status to SUSPENDED"));
        changeStatus(id, "DELETED", "理由")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.status").value("'DELETED' is not a valid FacilityStatus"));
        send(post(FACILITIES + "/" + id + "/status"), Map.of("reason", "理由"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.status").value("must not be null"));
        changeStatus(id, "SUSPENDED", "院内システム更新のため").andExpect(status().isOk());

        mvc.perform(get(FACILITIES + "/" + id + "/history").with(authentication(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[0].from").isEmpty())
                .andExpect(jsonPath("$[0].to").value("APPLIED"))
                .andExpect(jsonPath("$[3].from").value("ACTIVE"))
                .andExpect(jsonPath("$[3].to").value("SUSPENDED"))
                .andExpect(jsonPath("$[3].reason").value("院内システム更新のため"))
                .andExpect(jsonPath("$[3].actorId").value("hub-admin-42"))
                .andExpect(jsonPath("$[3].changedAt").isNotEmpty());
    }

    @Test
    void detailsAreReplacedWithPutAndValidatedLikeAnApplication() throws Exception {
        String id = created(FacilityFixtures.applicationJson("CLINIC", FacilityFixtures.code('1')));
        String aeTitle = FacilityFixtures.aeTitle();

        send(put(FACILITIES + "/" + id), FacilityFixtures.detailsJson("改称後の医院", "会津", aeTitle))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.details.name").value("改称後の医院"))
                .andExpect(jsonPath("$.details.region").value("会津"))
                .andExpect(jsonPath("$.details.aeTitles").value(contains(aeTitle)))
                .andExpect(jsonPath("$.kind").value("CLINIC"));
        List<Integer> rows = FacilityFixtures.rowCounts(jdbc);
        Map<String, Object> invalid = FacilityFixtures.detailsJson("名称", "会津", "lower");
        invalid.put("nameKana", "ｶﾅ");
        send(put(FACILITIES + "/" + id), invalid)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.nameKana").value(FacilityDetails.KANA_RULE))
                .andExpect(jsonPath("$.errors['aeTitles[0]']").value(AeTitle.RULE));
        Map<String, Object> blankName = FacilityFixtures.detailsJson("\u3000", "会津");
        send(put(FACILITIES + "/" + id), blankName)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.name").value("must not be blank"));
        assertThat(FacilityFixtures.rowCounts(jdbc)).isEqualTo(rows);
    }

    @Test
    void unknownFacilitiesAreNotFound() throws Exception {
        String path = FACILITIES + "/3f1c1d7e-0000-4000-8000-000000000000";
        mvc.perform(get(path).with(authentication(ADMIN))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("facility 3f1c1d7e-0000-4000-8000-000000000000 not found"));
        mvc.perform(get(FACILITIES + "/no-such-id").with(authentication(ADMIN))).andExpect(status().isNotFound());
        mvc.perform(get(path + "/history").with(authentication(ADMIN))).andExpect(status().isNotFound());
        send(put(path), FacilityFixtures.detailsJson("名称", "県北")).andExpect(status().isNotFound());
        changeStatus("3f1c1d7e-0000-4000-8000-000000000000", "APPROVED", null).andExpect(status().isNotFound());
    }

    @Test
    void theListFiltersByStatusKindAndRegionAndRefusesUnknownValues() throws Exception {
        String region = FacilityFixtures.region();
        String applied = created(withRegion(FacilityFixtures.applicationJson("CARE_FACILITY", null), region));
        String active = created(withRegion(FacilityFixtures.applicationJson("CLINIC", FacilityFixtures.code('1')), region));
        activate(active);

        mvc.perform(get(FACILITIES).param("region", region).with(authentication(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(containsInAnyOrder(applied, active)));
        mvc.perform(get(FACILITIES).param("region", region).param("status", "ACTIVE").with(authentication(ADMIN)))
                .andExpect(jsonPath("$[*].id").value(contains(active)));
        mvc.perform(get(FACILITIES).param("region", region).param("kind", "CARE_FACILITY").with(authentication(ADMIN)))
                .andExpect(jsonPath("$[*].id").value(contains(applied)));
        mvc.perform(get(FACILITIES).param("status", "OPEN").with(authentication(ADMIN)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.status")
                        .value("'OPEN' is not one of APPLIED, APPROVED, ACTIVE, SUSPENDED, WITHDRAWN"));
        mvc.perform(get(FACILITIES).param("kind", "hospital").with(authentication(ADMIN)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.kind").value(containsString("'hospital' is not one of HOSPITAL, CLINIC")));
    }

    @Test
    void theDirectoryShowsActiveFacilitiesOnlyAndOnlyWhatAnyUserMayKnow() throws Exception {
        String region = FacilityFixtures.region();
        String code = FacilityFixtures.code('1');
        String active = created(withRegion(FacilityFixtures.applicationJson("HOSPITAL", code), region));
        activate(active);
        String applied = created(withRegion(FacilityFixtures.applicationJson("CLINIC", FacilityFixtures.code('1')), region));
        HubAuthentication doctor = new HubAuthentication(
                new HubPrincipal(HubPrincipal.Kind.PERSON, "doctor-1", "医師 一郎", active, Set.of(HubRole.DOCTOR)));

        String body = mvc.perform(get("/api/facilities").with(authentication(doctor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(hasItem(active)))
                .andExpect(jsonPath("$[*].id").value(not(hasItem(applied))))
                .andReturn().getResponse().getContentAsString();

        JsonNode entry = json.readTree(body).findParents("id").stream()
                .filter(node -> node.path("id").asText().equals(active)).findFirst().orElseThrow();
        assertThat(entry.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "medicalInstitutionCode", "name", "nameKana", "kind", "region");
        assertThat(entry.path("medicalInstitutionCode").asText()).isEqualTo(code);
        assertThat(entry.path("region").asText()).isEqualTo(region);
        assertThat(entry.path("kind").asText()).isEqualTo("HOSPITAL");
    }

    @Test
    void theApiIsDescribedInTheOpenApiDocument() throws Exception {
        mvc.perform(get("/v3/api-docs").with(authentication(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/admin/facilities/{id}/status'].post.summary")
                        .value("Change a facility's status"))
                .andExpect(jsonPath("$.paths['/api/facilities'].get.tags").value(contains("Facility directory")))
                .andExpect(jsonPath("$.paths['/api/admin/facilities'].get.parameters[?(@.name == 'status')].schema.enum[0]")
                        .value(contains("APPLIED")));
    }

    private void refused(Consumer<Map<String, Object>> breakIt, String field, String problem) throws Exception {
        Map<String, Object> body = FacilityFixtures.applicationJson("HOSPITAL", FacilityFixtures.code('1'));
        breakIt.accept(field.startsWith("details") && body.containsKey("details") && !field.equals("details")
                ? FacilityFixtures.detailsOf(body) : body);
        send(post(FACILITIES), body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors['" + field + "']").value(problem));
    }

    private static Map<String, Object> withRegion(Map<String, Object> application, String region) {
        FacilityFixtures.detailsOf(application).put("region", region);
        return application;
    }

    private String created(Map<String, Object> application) throws Exception {
        String response = send(post(FACILITIES), application).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(response).path("id").asText();
    }

    private void activate(String id) throws Exception {
        changeStatus(id, "APPROVED", null).andExpect(status().isOk());
        changeStatus(id, "ACTIVE", null).andExpect(status().isOk());
    }

    private ResultActions changeStatus(String id, String target, String reason) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("status", target);
        body.put("reason", reason);
        return send(post(FACILITIES + "/" + id + "/status"), body);
    }

    private ResultActions send(MockHttpServletRequestBuilder request, Object body) throws Exception {
        return mvc.perform(request.with(authentication(ADMIN)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)));
    }
}
