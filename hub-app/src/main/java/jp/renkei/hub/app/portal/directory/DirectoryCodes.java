package jp.renkei.hub.app.portal.directory;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;

import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.regional.directory.CareFacilityType;
import jp.renkei.hub.regional.directory.Department;
import jp.renkei.hub.regional.directory.ServiceCode;

/** The code lists the directory's forms offer, in their lists' order. */
record DirectoryCodes(List<FacilityKind> kinds, List<CareFacilityType> careTypes, List<Department> departments,
                      List<ServiceCode> services, List<DayOfWeek> weekdays) {

    static final DirectoryCodes ALL = new DirectoryCodes(
            Arrays.stream(FacilityKind.values()).filter(k -> k != FacilityKind.HUB_OPERATOR).toList(),
            List.of(CareFacilityType.values()), List.of(Department.values()), List.of(ServiceCode.values()),
            List.of(DayOfWeek.values()));
}
