package jp.renkei.hub.regional.directory;

import java.util.List;
import java.util.Map;

/**
 * A facility's profile as a client sends it (JSON or a portal form): codes and text, checked completely by
 * {@link Profiles} before anything is stored. Latitude and longitude are text so that "37.76" and 37.76 both
 * arrive and a wrong entry is named precisely.
 *
 * @param careFacilityType a {@link CareFacilityType} code, only for care facilities
 * @param departments      {@link Department} codes (SS-MIX2, e.g. "01")
 * @param services         {@link ServiceCode} codes (e.g. "home-medical-care")
 * @param acceptance       YES, NO or ASK (empty: not said)
 * @param hours            per weekday (MONDAY … SUNDAY) the periods, "09:00-12:00"
 */
public record ProfileRequest(String careFacilityType, List<String> departments, List<String> services,
                             String municipalityCode, String municipalityName, String latitude, String longitude,
                             String acceptance, String acceptanceNote, Map<String, List<String>> hours,
                             String deskName, String deskPhone, String deskFax, String deskEmail, String deskPerson) {
}
