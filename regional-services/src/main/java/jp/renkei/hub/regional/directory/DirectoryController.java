package jp.renkei.hub.regional.directory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The facility directory's REST API (docs/regional-services.md): search, one facility's entry, the map of a
 * search, the code lists; a facility's administrators save its profile; hub administrators see completeness.
 */
@RestController
@Tag(name = "Facility directory", description = "Facility search for referral desks (地域連携室) and facility profiles")
class DirectoryController {

    private final DirectorySearch search;
    private final Profiles profiles;
    private final Completeness completeness;

    DirectoryController(DirectorySearch search, Profiles profiles, Completeness completeness) {
        this.search = search;
        this.profiles = profiles;
        this.completeness = completeness;
    }

    @GetMapping("/api/directory/facilities")
    @Operation(summary = "Search the region's ACTIVE facilities",
            description = "Filters (all optional, combined with AND): kind (FacilityKind names or care-facility type"
                    + " codes, any of them), department (SS-MIX2 codes, all of them), service (service codes, all of"
                    + " them), municipality (全国地方公共団体コード), area (secondary medical area), from (a facility ID)"
                    + " or lat+lon (a point) as the origin, radiusKm (great-circle distance from it), accepting (YES,"
                    + " NO, ASK), openOn (MONDAY…SUNDAY) and openAt (HH:MM), name (kanji or kana, full/half-width and"
                    + " katakana/hiragana alike). With an origin the results come in distance order, else in kana"
                    + " order. page from 0, size 1–100. Unknown codes and out-of-range values answer 400 naming the"
                    + " parameter.")
    ResultPage search(@RequestParam(required = false) List<String> kind,
                      @RequestParam(required = false) List<String> department,
                      @RequestParam(required = false) List<String> service,
                      @RequestParam(required = false) String municipality, @RequestParam(required = false) String area,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String lat,
                      @RequestParam(required = false) String lon, @RequestParam(required = false) String radiusKm,
                      @RequestParam(required = false) List<String> accepting,
                      @RequestParam(required = false) String openOn, @RequestParam(required = false) String openAt,
                      @RequestParam(required = false) String name, @RequestParam(required = false) String page,
                      @RequestParam(required = false) String size) {
        SearchRequest request = new SearchRequest(kind, department, service, municipality, area, from, lat, lon,
                radiusKm, accepting, openOn, openAt, name, page, size);
        return answer(() -> search.search(SearchCriteria.of(request)));
    }

    @GetMapping(value = "/api/directory/map.svg", produces = "image/svg+xml")
    @Operation(summary = "The same search's page as an SVG map (positions, numbers as in the list, origin, scale bar)")
    String map(@RequestParam(required = false) List<String> kind,
               @RequestParam(required = false) List<String> department,
               @RequestParam(required = false) List<String> service,
               @RequestParam(required = false) String municipality, @RequestParam(required = false) String area,
               @RequestParam(required = false) String from, @RequestParam(required = false) String lat,
               @RequestParam(required = false) String lon, @RequestParam(required = false) String radiusKm,
               @RequestParam(required = false) List<String> accepting,
               @RequestParam(required = false) String openOn, @RequestParam(required = false) String openAt,
               @RequestParam(required = false) String name, @RequestParam(required = false) String page,
               @RequestParam(required = false) String size) {
        ResultPage result = search(kind, department, service, municipality, area, from, lat, lon, radiusKm, accepting,
                openOn, openAt, name, page, size);
        return ResultMap.svg(result, new ResultMap.Labels("施設の位置", "起点", "位置が登録された施設はありません"));
    }

    @GetMapping("/api/directory/facilities/{facilityId}")
    @Operation(summary = "One facility's directory entry (404 when it is not in the directory)")
    DirectoryEntry entry(@PathVariable String facilityId) {
        return answer(() -> search.entry(facilityId));
    }

    @PutMapping(value = "/api/directory/facilities/{facilityId}/profile", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the facility's profile (its own FACILITY_ADMIN only)",
            description = "Departments, services, care-facility type, municipality, position (latitude/longitude,"
                    + " as the facility enters it), new patients (YES/NO/ASK and a note), opening hours per weekday"
                    + " (\"09:00-12:00\"), the referral desk's contact. Checked whole: any bad field answers 400"
                    + " naming every bad field and nothing is stored. Another facility's profile answers 404 like an"
                    + " unknown facility.")
    FacilityProfile save(@PathVariable String facilityId, @RequestBody ProfileRequest request,
                         HttpServletRequest http) {
        return answer(() -> profiles.save(Requesters.current(http), facilityId, request));
    }

    @GetMapping("/api/directory/facilities/{facilityId}/profile")
    @Operation(summary = "The facility's saved profile as its administrators edit it (its own FACILITY_ADMIN only)")
    FacilityProfile profile(@PathVariable String facilityId, HttpServletRequest http) {
        return answer(() -> profiles.own(Requesters.current(http), facilityId));
    }

    @GetMapping("/api/directory/completeness")
    @Operation(summary = "Every facility's profile completeness: what is missing (hub administrators)")
    List<Completeness.Row> completeness() {
        return completeness.rows();
    }

    @GetMapping("/api/directory/codes")
    @Operation(summary = "The code lists: kinds, care-facility types, departments, services, secondary medical areas")
    Map<String, Object> codes() {
        return Map.of(
                "kinds", Arrays.stream(FacilityKind.values()).filter(k -> k != FacilityKind.HUB_OPERATOR)
                        .map(Enum::name).toList(),
                "careFacilityTypes", codeList(CareFacilityType.values(), CareFacilityType::code,
                        CareFacilityType::japanese, CareFacilityType::english),
                "departments", codeList(Department.values(), Department::code, Department::japanese,
                        Department::english),
                "services", codeList(ServiceCode.values(), ServiceCode::code, ServiceCode::japanese,
                        ServiceCode::english),
                "areas", search.areas());
    }

    private static <T> List<Map<String, String>> codeList(T[] values, java.util.function.Function<T, String> code,
                                                          java.util.function.Function<T, String> ja,
                                                          java.util.function.Function<T, String> en) {
        return Arrays.stream(values).map(v -> Map.of("code", code.apply(v), "ja", ja.apply(v), "en", en.apply(v)))
                .toList();
    }

    /** The directory's refusals as the API answers them: 400 naming each field, or the one 404. */
    static <T> T answer(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidInput e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, e.getMessage(), e.fieldErrors());
        } catch (NoSuchFacility e) {
            throw new ApiException(HttpStatus.NOT_FOUND, e.getMessage());
        }
    }
}
