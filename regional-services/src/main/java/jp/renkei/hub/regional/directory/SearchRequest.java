package jp.renkei.hub.regional.directory;

import java.util.List;

/**
 * A directory search as a client asks it (query parameters or a portal form), all text; {@link SearchCriteria}
 * checks it.
 *
 * @param kinds         FacilityKind names (HOSPITAL …) or {@link CareFacilityType} codes (roken …): any of them
 * @param departments   {@link Department} codes: the facility has all of them
 * @param services      {@link ServiceCode} codes: the facility offers all of them
 * @param municipality  a municipality code (全国地方公共団体コード)
 * @param area          the secondary medical area (二次医療圏), as the registry names it
 * @param from          the facility to measure distances from (its ID), or empty
 * @param latitude      with {@code longitude}: the point to measure from, instead of a facility
 * @param radiusKm      only facilities within this great-circle distance of the origin
 * @param accepting     YES / NO / ASK: any of them
 * @param openOn        MONDAY … SUNDAY
 * @param openAt        HH:MM on {@code openOn}
 * @param name          part of the name in kanji or kana (full/half-width, katakana/hiragana alike)
 */
public record SearchRequest(List<String> kinds, List<String> departments, List<String> services, String municipality,
                            String area, String from, String latitude, String longitude, String radiusKm,
                            List<String> accepting, String openOn, String openAt, String name, String page,
                            String size) {
}
