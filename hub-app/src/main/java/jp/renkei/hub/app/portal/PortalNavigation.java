package jp.renkei.hub.app.portal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jp.renkei.hub.core.security.HubAccessRules;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;

/**
 * The portal's menu: each area with the roles its access rule ({@link HubAccessRules}) grants, so a person sees
 * exactly the areas they may open.
 */
public final class PortalNavigation {

    /** One menu entry: where it leads and the message key of its label. */
    public record Link(String path, String label) {
    }

    private record Area(Link link, Set<HubRole> roles) {
    }

    private static final List<Area> AREAS = List.of(
            new Area(new Link("/portal/patients", "nav.patients"), HubAccessRules.PORTAL_PATIENT_VIEWERS),
            new Area(new Link("/portal/consents", "nav.consents"), HubAccessRules.PATIENT_REGISTRARS),
            new Area(new Link("/portal/questionnaire", "nav.questionnaire"), HubAccessRules.PATIENT_REGISTRARS),
            new Area(new Link("/portal/break-glass", "nav.breakGlass"), HubAccessRules.BREAK_GLASS_REVIEWERS),
            new Area(new Link("/portal/second-reads", "nav.secondReads"), HubAccessRules.SECOND_READ_REQUESTERS),
            new Area(new Link("/portal/care-net", "nav.careNet"), HubAccessRules.CARE_NET_PEOPLE),
            new Area(new Link("/portal/pharmacy/notebook", "nav.notebook"), HubAccessRules.JAHIS_UPLOADERS),
            new Area(new Link("/portal/letters", "nav.letters"), HubAccessRules.LETTER_PEOPLE),
            new Area(new Link("/portal/pathways", "nav.pathways"), HubAccessRules.PATHWAY_PEOPLE),
            new Area(new Link("/portal/reading", "nav.reading"), Set.of(HubRole.RADIOLOGIST)),
            new Area(new Link("/portal/directory", "nav.directory"), EnumSet.allOf(HubRole.class)),
            new Area(new Link("/portal/facility", "nav.facility"), Set.of(HubRole.FACILITY_ADMIN)),
            new Area(new Link("/portal/care-net/partners", "nav.careNetPartners"), Set.of(HubRole.FACILITY_ADMIN)),
            new Area(new Link("/portal/operator", "nav.operator"), Set.of(HubRole.HUB_ADMIN)));

    private PortalNavigation() {
    }

    /** The areas the person's roles open, in menu order. */
    public static List<Link> of(HubPrincipal person) {
        return AREAS.stream().filter(a -> person.roles().stream().anyMatch(a.roles()::contains))
                .map(Area::link).toList();
    }
}
