package jp.renkei.hub.core.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every HTTP access rule of the hub, in one place: one ordered list of {@link AccessRule} values, checked in
 * order; whatever is not listed is denied. The list is data so that docs/security.md can show it as it is
 * (HubAccessRulesDocTest). Fine-grained decisions about patient data (consent) are made behind these rules.
 */
public final class HubAccessRules {

    /** Roles that may use the FHIR API at all: clinicians, care managers and facility systems. */
    static final Set<HubRole> FHIR_USERS = union(HubRole.CLINICAL, HubRole.SYSTEMS, Set.of(HubRole.CARE_MANAGER));

    /**
     * Roles that may enrol patients, link and unlink their local IDs and handle their IC cards: the people who
     * register patients at the desk or treat them, and who can check a patient's identity face to face. Not
     * therapists, care and social workers or family members (they use the numbers others linked), and of the
     * systems only hospital gateways, and only to enrol (see {@link #ENROLLERS}).
     */
    public static final Set<HubRole> PATIENT_REGISTRARS = Set.copyOf(EnumSet.of(HubRole.DOCTOR, HubRole.DENTIST,
            HubRole.PHARMACIST, HubRole.NURSE, HubRole.VISITING_NURSE, HubRole.CLERK, HubRole.FACILITY_ADMIN));

    /** A hospital gateway enrols the patients its hospital registers; linking needs a person's identity check. */
    static final Set<HubRole> ENROLLERS = union(PATIENT_REGISTRARS, Set.of(HubRole.GATEWAY));

    /**
     * Who may search and view images over DICOMweb: doctors, dentists and nurses, and the facilities' PACS,
     * which query and retrieve over DICOM anyway. RADIOLOGIST is not listed: radiologists read other
     * facilities' studies de-identified through the second-read worklist. Which studies they see is decided
     * behind the rule by the same consent decision as C-FIND (IMAGING).
     */
    public static final Set<HubRole> IMAGE_VIEWERS = Set.copyOf(EnumSet.of(HubRole.DOCTOR, HubRole.DENTIST,
            HubRole.NURSE, HubRole.PACS_FORWARDER));

    /** Who may upload images (STOW-RS): a facility's PACS forwarder or gateway, never a person. */
    static final Set<HubRole> IMAGE_SENDERS = Set.copyOf(EnumSet.of(HubRole.PACS_FORWARDER, HubRole.GATEWAY));

    /**
     * Who uses referral letters (診療情報提供書): the facility's clinicians and the referral desk's clerks
     * (地域連携室); writing and signing is for doctors and dentists, checked by {@code Letters}.
     */
    public static final Set<HubRole> LETTER_PEOPLE = union(HubRole.CLINICAL, Set.of(HubRole.CLERK));

    /**
     * Who uses liaison pathways (地域連携パス): clinicians, care managers and the referral desk's clerks; starting,
     * recording and marking stages done are checked by {@code Pathways}.
     */
    public static final Set<HubRole> PATHWAY_PEOPLE = union(HubRole.CLINICAL,
            Set.of(HubRole.CLERK, HubRole.CARE_MANAGER));

    /** Who reads the notices of emergency access to their facility's patients. */
    public static final Set<HubRole> BREAK_GLASS_REVIEWERS =
            Set.copyOf(EnumSet.of(HubRole.DOCTOR, HubRole.FACILITY_ADMIN));

    /**
     * Who handles a facility's gateway quarantine (inputs that could not be ingested): its administrators, its
     * gateway and pharmacy systems; the controller keeps each to its acting facility (hub administrators see all).
     */
    static final Set<HubRole> GATEWAY_OPERATORS = Set.copyOf(EnumSet.of(HubRole.FACILITY_ADMIN, HubRole.GATEWAY,
            HubRole.PHARMACY_SYSTEM, HubRole.HUB_ADMIN));

    /** Who uploads a pharmacy's JAHIS dispensing records: its pharmacy system and its pharmacists. */
    public static final Set<HubRole> JAHIS_UPLOADERS = Set.copyOf(EnumSet.of(HubRole.PHARMACY_SYSTEM, HubRole.PHARMACIST));

    /** Who asks another facility for a second read of their own facility's studies, and acknowledges the report. */
    public static final Set<HubRole> SECOND_READ_REQUESTERS =
            Set.copyOf(EnumSet.of(HubRole.DOCTOR, HubRole.RADIOLOGIST));

    /** Who manages a facility's VPN site: its administrators (checked by the controller) and the operators. */
    static final Set<HubRole> VPN_SITE_MANAGERS = Set.copyOf(EnumSet.of(HubRole.FACILITY_ADMIN, HubRole.HUB_ADMIN));

    /**
     * Who may open a patient in the web portal: the people among {@link #FHIR_USERS} (clinicians and care
     * managers), the same consent gate deciding what they see.
     */
    public static final Set<HubRole> PORTAL_PATIENT_VIEWERS = union(HubRole.CLINICAL, Set.of(HubRole.CARE_MANAGER));

    /**
     * Who may use care-net at all: people of any profession, family members and the support centre (hub
     * administrators); never facility systems. Which rooms each sees is decided behind the rule by room
     * membership (jp.renkei.hub.carenet.room.RoomAccess): a non-member gets the 404 of an absent room.
     */
    public static final Set<HubRole> CARE_NET_PEOPLE = Set.copyOf(EnumSet.complementOf(
            EnumSet.copyOf(union(HubRole.SYSTEMS, Set.of(HubRole.MONITORING)))));

    /**
     * Who may read the Prometheus metrics: hub administrators, and the operator's monitoring system by its client
     * certificate (device kind MONITORING), which may read nothing else.
     */
    static final Set<HubRole> METRICS_READERS = Set.copyOf(EnumSet.of(HubRole.HUB_ADMIN, HubRole.MONITORING));

    /**
     * Every rule, checked top to bottom; the first that matches decides. Whatever none matches is denied
     * ({@link #declare}). docs/security.md section 6 shows this list as {@link #markdownTable()} renders it.
     */
    public static final List<AccessRule> RULES = List.of(
            // open: log in, activate an invitation, the CA and its CRL, probes, API description, FHIR capabilities
            rule(POST, anyone(), "log in; set the first password with an activation code",
                    "/api/auth/login", "/api/auth/activate"),
            rule(GET, anyone(), "the hub CA certificate and its CRL", "/pki/ca.crt", "/pki/crl"),
            rule(GET, anyone(), "health probes (component status only; details for `HUB_ADMIN`)",
                    "/actuator/health", "/actuator/health/**"),
            rule(GET, anyone(), "the OpenAPI description and Swagger UI",
                    "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"),
            rule(GET, anyone(), "the FHIR CapabilityStatement", "/fhir/metadata"),
            // the web portal (docs/portal.md): people only, by session cookie, CSRF token on every form
            rule(GET, anyone(), "the portal's login page, the activation page of an invited person and the style"
                    + " sheet; `/` redirects to the portal", "/", "/portal/login", "/portal/login/activate",
                    "/portal/static/**"),
            rule(POST, anyone(), "portal login (password, two-factor code, facility choice), activation of an"
                    + " invited account, and logout (CSRF token required)", "/portal/login", "/portal/login/**", "/portal/logout"),
            rule(GET, people(EnumSet.allOf(HubRole.class)), "the portal's start page", "/portal"),
            rule(POST, anyone(), "the portal's language (Japanese or English; CSRF token required)",
                    "/portal/language"),
            rule(null, new Grant("any person, including an enrolment-only session",
                            AuthenticatedAuthorizationManager.authenticated()),
                    "the portal's own account pages: two-factor enrolment (QR code), password change",
                    "/portal/account", "/portal/account/**"),
            rule(null, people(PORTAL_PATIENT_VIEWERS), "portal patient lookup, recent patients and the consent-gated"
                    + " patient page, its charts, images and documents (6.1)",
                    "/portal/patients", "/portal/patients/**"),
            rule(null, people(PATIENT_REGISTRARS), "the portal's consent desk: consents, IC cards, enrolment and"
                    + " links of the acting facility's patients", "/portal/consents", "/portal/consents/**"),
            rule(null, people(BREAK_GLASS_REVIEWERS).note("(opening one: `DOCTOR` only, checked by the page)"),
                    "portal break-glass: open (reason required), see open and past emergencies",
                    "/portal/break-glass", "/portal/break-glass/**"),
            rule(null, people(SECOND_READ_REQUESTERS), "portal second-read requests of the acting facility and their"
                    + " reports (acknowledge)", "/portal/second-reads", "/portal/second-reads/**"),
            rule(null, people(Set.of(HubRole.RADIOLOGIST)), "the radiologist's worklist, de-identified viewer and"
                    + " signed reports", "/portal/reading", "/portal/reading/**"),
            rule(null, people(Set.of(HubRole.FACILITY_ADMIN)).note("(of the acting facility only)"),
                    "portal facility administration: people, roles, devices, the facility's own audit trail",
                    "/portal/facility", "/portal/facility/**"),
            rule(null, people(Set.of(HubRole.HUB_ADMIN)), "portal hub operation: facility applications, audit"
                    + " search and verification, ingest quarantine", "/portal/operator", "/portal/operator/**"),
            rule(null, people(CARE_NET_PEOPLE).note("(a room's members only, checked by `RoomAccess`: others get"
                            + " the same 404 page as for an absent room; applying: `DOCTOR`, `CARE_MANAGER`; the"
                            + " support-centre desk `/portal/care-net/support/**`: `HUB_ADMIN`; the room record:"
                            + " applicant, caretaker, `HUB_ADMIN`; the partner list: `FACILITY_ADMIN`, own facility)"),
                    "portal care-net: the person's rooms, a room's timeline with read receipts, photos and filters,"
                            + " posting, a post's comments, receipts and pins, members, search, direct messages,"
                            + " applying, the support centre's approvals, closing and archiving, idle rooms, mail frequency,"
                            + " documents and their PDFs, the room record, the partner list with CSV, vital-sign charts,"
                            + " family invitations",
                    "/portal/care-net", "/portal/care-net/**"),
            rule(null, people(PATIENT_REGISTRARS).note("(the acting facility's questionnaires, links and answers only:"
                            + " another facility's are the same 404 page as absent ones)"),
                    "portal web questionnaires (WEB問診): build, publish and retire versions, issue one-time answer"
                            + " links with QR code and short code, the answers per visit day and per patient",
                    "/portal/questionnaire", "/portal/questionnaire/**"),
            rule(null, anyone().note("(holding a one-time link token or short code, then the patient's birth date;"
                            + " see 6.5)"),
                    "the patient's web-questionnaire pages: open a link, confirm, answer, check and send (CSRF token"
                            + " required)", "/portal/q", "/portal/q/**"),
            rule(null, people(EnumSet.allOf(HubRole.class)), "the portal's facility directory: search with list and"
                    + " map (the profile page is under `/portal/facility/directory`, completeness under"
                    + " `/portal/operator/directory`)", "/portal/directory", "/portal/directory/**"),
            // a person between password and two-factor enrolment may do only this
            rule(null, new Grant("any authenticated principal, including an enrolment-only session",
                            AuthenticatedAuthorizationManager.authenticated()),
                    "two-factor enrolment; logout", "/api/auth/totp/**", "/api/auth/logout"),
            // hub administration
            rule(null, anyOf(HubRole.HUB_ADMIN), "search and verify the audit trail",
                    "/api/admin/audit", "/api/admin/audit/**"),
            rule(null, anyOf(HubRole.HUB_ADMIN), "the audit trail as FHIR AuditEvent",
                    "/fhir/AuditEvent", "/fhir/AuditEvent/**"),
            rule(POST, anyOf(HubRole.HUB_ADMIN), "register a facility's application", "/api/admin/facilities"),
            rule(GET, anyOf(HubRole.HUB_ADMIN), "list every facility", "/api/admin/facilities"),
            rule(null, anyOf(HubRole.HUB_ADMIN), "change a facility's status", "/api/admin/facilities/{facilityId}/status"),
            rule(null, anyOf(HubRole.HUB_ADMIN), "merge duplicate event numbers",
                    "/api/admin/event-numbers", "/api/admin/event-numbers/**"),
            // the IPsec VPN (docs/vpn.md): a router enrols with a one-time token, which is its only credential;
            // a facility's site is managed by its own administrators and the operators
            rule(POST, anyone(), "a site router's enrolment with a one-time enrolment token: CSR, or PKCS#12 fallback",
                    "/api/vpn/enrolment", "/api/vpn/enrolment/pkcs12"),
            rule(GET, anyOf(HubRole.HUB_ADMIN), "every VPN site; the tunnels' state read from strongSwan",
                    "/api/vpn/sites", "/api/vpn/status"),
            rule(null, anyOf(HubRole.HUB_ADMIN), "the operators' VPN notices (certificate expiry warnings); acknowledge",
                    "/api/vpn/notices", "/api/vpn/notices/**"),
            rule(null, anyOf(VPN_SITE_MANAGERS).note("(`FACILITY_ADMIN` only of its acting facility; another"
                            + " facility's site answers `404` like a missing one)"),
                    "a facility's VPN site: record, enrolment and renewal tokens, configuration archive, router certificate"
                            + " (renewal, revocation), status and onboarding checklist",
                    "/api/vpn/sites/{facilityId}", "/api/vpn/sites/{facilityId}/**"),
            // a facility's own administration: its administrators, and hub administrators
            rule(null, administratorOf("facilityId"), "a facility's details, history, people and devices",
                    "/api/admin/facilities/{facilityId}", "/api/admin/facilities/{facilityId}/**"),
            // the facility directory (docs/regional-services.md): no patient data, read by everyone signed in;
            // a profile is changed only by its own facility's administrators
            rule(GET, anyOf(HubRole.HUB_ADMIN), "every facility's directory-profile completeness",
                    "/api/directory/completeness"),
            rule(null, anyOf(HubRole.FACILITY_ADMIN).note("(of that facility only, checked by `Profiles`: another"
                            + " facility's profile answers `404` like an unknown facility)"),
                    "read and replace a facility's directory profile", "/api/directory/facilities/{facilityId}/profile"),
            rule(GET, anyOf(HubRole.NETWORK), "the facility directory: search, entries, map (SVG), code"
                    + " lists", "/api/directory/**"),
            // everyone signed in
            rule(null, anyOf(HubRole.NETWORK), "the directory of ACTIVE facilities; one's own account",
                    "/api/facilities", "/api/facilities/**", "/api/me", "/api/me/**"),
            // the patient cross-reference and IC cards, always for the acting facility
            rule(POST, anyOf(ENROLLERS), "enrol a local patient ID and get its event number", "/api/patients/enrolments"),
            rule(null, anyOf(PATIENT_REGISTRARS), "link and unlink local patient IDs; IC cards",
                    "/api/patients", "/api/patients/**"),
            // consents: recorded and read by those who register or treat the patient (acting facility linked)
            rule(null, anyOf(PATIENT_REGISTRARS), "record, read, change and withdraw consents",
                    "/api/consents", "/api/consents/**"),
            // emergency access is a doctor's decision; its notices are for the facility's doctors and admins
            rule(GET, anyOf(BREAK_GLASS_REVIEWERS),
                    "notices of emergency access (break-glass) to the acting facility's patients",
                    "/api/break-glass/notifications"),
            rule(POST, anyOf(HubRole.DOCTOR), "open emergency access (break-glass) to a patient's CLINICAL data",
                    "/api/break-glass"),
            // gateway ingest quarantine: the owning facility's administrators and gateways, hub administrators
            rule(null, anyOf(GATEWAY_OPERATORS).note("(all but `HUB_ADMIN` only for their acting facility)"),
                    "inputs the gateway ingest could not store: list, bytes, re-processing",
                    "/api/gateway/quarantine", "/api/gateway/quarantine/**"),
            // JAHIS upload: a pharmacy's system or pharmacists (the controller checks the facility is a pharmacy)
            rule(POST, anyOf(JAHIS_UPLOADERS).note("of a pharmacy (checked by the controller)"),
                    "upload JAHIS e-medication-notebook or prescription 2D-symbol files", "/api/gateway/jahis"),
            // second reads: requested by the study's facility, read de-identified by the reading facility's
            // radiologists; which request each may see is decided by facility in SecondReads
            rule(null, anyOf(SECOND_READ_REQUESTERS).note("of the requesting facility (checked by `SecondReads`)"),
                    "ask for, follow, cancel and acknowledge second reads; read their reports",
                    "/api/second-reads/requests", "/api/second-reads/requests/**"),
            rule(null, anyOf(HubRole.RADIOLOGIST).note("of the reading facility (checked by `SecondReads`)"),
                    "the de-identified second-read worklist, its images and reports",
                    "/api/second-reads/worklist", "/api/second-reads/worklist/**"),
            // care-net: rooms of the home-care team; membership decided per room by the care-net services
            rule(null, people(CARE_NET_PEOPLE).note("(a room's members only, checked by `RoomAccess`: others get 404;"
                            + " applying: `DOCTOR`, `CARE_MANAGER`; approving and archiving: `HUB_ADMIN`; documents:"
                            + " the roles their template names, never family; room record: applicant, caretaker,"
                            + " `HUB_ADMIN`; partner list: `FACILITY_ADMIN`, own facility)"),
                    "care-net rooms, members, posts, comments, read receipts, pins, photos and files; documents"
                            + " (主治医意見書, 訪問看護指示書・報告書) and their PDFs; the room record PDF; the partner list",
                    "/api/care-net", "/api/care-net/**"),
            rule(GET, people(CARE_NET_PEOPLE).note("(a room's members only, checked by `CareNetFhirView`: others get"
                            + " the 404 or empty Bundle of an absent room; family members only family-shared posts)"),
                    "care-net's read-only FHIR view (6.4): CareTeam, Communication, Observation (vital signs),"
                    + " DocumentReference, Binary and its CapabilityStatement", "/care-net/fhir", "/care-net/fhir/**"),
            // referral letters: a letter exists only for its sender and recipient facilities (others: 404)
            rule(null, people(LETTER_PEOPLE).note("(sender and recipient facilities only, checked by `Letters`: others"
                            + " get the 404 of an absent letter; writing and signing: `DOCTOR`, `DENTIST`; acknowledging:"
                            + " the recipient)"),
                    "referral letters (診療情報提供書): send, inbox, sent, open, acknowledge, sign with the author's"
                            + " PKCS#12 key, upload a signed letter received from outside (HPKI verification)",
                    "/api/letters", "/api/letters/**"),
            rule(null, people(LETTER_PEOPLE).note("(as `/api/letters`)"),
                    "portal referral letters: inbox, sent letters, letter view with the signature check, compose, sign,"
                            + " upload", "/portal/letters", "/portal/letters/**"),
            // liaison pathways: a pathway exists only for its owner and the facilities named for its stages
            rule(null, people(PATHWAY_PEOPLE).note("(the owner and the facilities named for a stage only, under the"
                            + " patient's consent, checked by `Pathways`: others get the 404 of an absent pathway;"
                            + " starting: `DOCTOR`, `NURSE`, `CLERK` of the owner; recording: the sheet's profession at"
                            + " a facility named for the stage)"),
                    "liaison pathways (地域連携パス): templates and their sheets as FHIR Questionnaires, start, the"
                            + " facility's pathways, open (also as a FHIR Bundle), record a stage's sheet, mark a stage"
                            + " done, progress and trend charts (SVG)", "/api/pathways", "/api/pathways/**"),
            rule(null, people(PATHWAY_PEOPLE).note("(as `/api/pathways`)"),
                    "portal liaison pathways: list, start, a pathway's progress and values, a stage's sheet and"
                            + " completion forms", "/portal/pathways", "/portal/pathways/**"),
            rule(null, anyOf(FHIR_USERS), "the FHIR API, behind the consent gate (6.1)", "/fhir", "/fhir/**"),
            // DICOMweb: uploads by facility systems, searches and retrieval by clinicians and PACS
            rule(POST, anyOf(IMAGE_SENDERS), "DICOMweb STOW-RS upload", "/dicomweb/studies", "/dicomweb/studies/{study}"),
            rule(GET, anyOf(IMAGE_VIEWERS), "DICOMweb QIDO-RS and WADO-RS, behind the IMAGING consent decision (5.2)",
                    "/dicomweb/**"),
            // the portal's JAHIS upload page (docs/portal.md), with the API's role rule
            rule(null, people(JAHIS_UPLOADERS).note("of a pharmacy (checked by the page, as by the API)"),
                    "the portal's e-medication-notebook (JAHIS) upload and its result", "/portal/pharmacy/notebook"),
            rule(GET, anyOf(METRICS_READERS).note("(`MONITORING`: a client certificate of that kind, issued to the"
                            + " hub operator's facility only)"),
                    "the Prometheus metrics (docs/operations.md \"Monitoring\")", "/actuator/prometheus"),
            rule(null, anyOf(HubRole.HUB_ADMIN), "the other actuator endpoints", "/actuator/**"));

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    private HubAccessRules() {
    }

    /**
     * Declares {@link #RULES} in order, then denies everything else. The matchers are built here rather than by
     * {@code requestMatchers(String...)}, which looks up MVC's introspector by generic type once per rule, walking
     * every bean definition (HAPI's included): about 0.6 s of start-up (docs/benchmarks.md, "Sixth round").
     */
    public static void declare(
            AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
        for (AccessRule rule : RULES) {
            rules.requestMatchers(matchersOf(rule)).access(rule.manager());
        }
        rules.anyRequest().denyAll();
    }

    /**
     * The rule's paths as Spring path patterns, matched on the decoded path within the application whichever
     * servlet serves it (the FHIR servlets, DICOMweb, the portal), with the rule's method if it has one.
     */
    static RequestMatcher[] matchersOf(AccessRule rule) {
        return rule.patterns().stream().map(pattern -> PATHS.matcher(rule.method(), pattern))
                .toArray(RequestMatcher[]::new);
    }

    /** {@link #RULES} as the Markdown table of docs/security.md section 6, ending with the final denial. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| # | Method | Paths | Who | For |\n|---|---|---|---|---|\n");
        int number = 0;
        for (AccessRule rule : RULES) {
            String paths = rule.patterns().stream().map(p -> "`" + p + "`").collect(Collectors.joining(", "));
            row(table, ++number, rule.method() == null ? "any" : rule.method().name(), paths, rule.who(), rule.what());
        }
        row(table, ++number, "any", "anything else", "nobody", "refused (`anyRequest().denyAll()`)");
        return table.toString();
    }

    private static void row(StringBuilder table, int number, String... cells) {
        table.append("| ").append(number);
        for (String cell : cells) {
            table.append(" | ").append(cell.replace("|", "\\|"));
        }
        table.append(" |\n");
    }

    /** Who a rule lets through: the text for the table and the decision that enforces it. */
    record Grant(String who, AuthorizationManager<RequestAuthorizationContext> manager) {

        /** The same grant, with a qualification the decision leaves to the services behind the rule. */
        Grant note(String qualification) {
            return new Grant(who + " " + qualification, manager);
        }
    }

    private static AccessRule rule(HttpMethod method, Grant grant, String what, String... patterns) {
        return new AccessRule(method, List.of(patterns), grant.who(), grant.manager(), what);
    }

    private static Grant anyone() {
        return new Grant("anyone", SingleResultAuthorizationManager.permitAll());
    }

    private static Grant anyOf(HubRole role) {
        return anyOf(Set.of(role));
    }

    /** The roles in declaration order, or "any role" when every role is listed. */
    private static Grant anyOf(Set<HubRole> roles) {
        String who = roles.containsAll(EnumSet.allOf(HubRole.class)) ? "any role"
                : roles.equals(HubRole.NETWORK) ? "any role but `MONITORING`"
                : EnumSet.copyOf(roles).stream().map(r -> "`" + r + "`").collect(Collectors.joining(", "));
        return new Grant(who, roles(roles));
    }

    /** People (session, not a system certificate) holding one of the roles. */
    private static Grant people(Set<HubRole> roles) {
        Grant grant = anyOf(roles);
        return new Grant(grant.who().equals("any role") ? "any person" : "people with " + grant.who(),
                (authentication, context) -> decide(context.getRequest(), authentication, principal -> {
                    if (principal.kind() != HubPrincipal.Kind.PERSON) {
                        return "the portal is for people; facility systems use the API";
                    }
                    return roleRefusal(principal, roles);
                }));
    }

    private static Grant administratorOf(String facilityVariable) {
        return new Grant("`HUB_ADMIN`, or `FACILITY_ADMIN` acting for exactly `{" + facilityVariable + "}`",
                facilityAdministrator(facilityVariable));
    }

    static AuthorizationManager<RequestAuthorizationContext> roles(Set<HubRole> roles) {
        return (authentication, context) -> decide(context.getRequest(), authentication,
                principal -> roleRefusal(principal, roles));
    }

    private static String roleRefusal(HubPrincipal principal, Set<HubRole> roles) {
        boolean granted = principal.roles().stream().anyMatch(roles::contains);
        return granted ? null : "requires one of the roles " + roles + "; acting as " + principal.roles();
    }

    /** HUB_ADMIN, or FACILITY_ADMIN acting for exactly the facility named in the path. */
    static AuthorizationManager<RequestAuthorizationContext> facilityAdministrator(String facilityVariable) {
        return (authentication, context) -> decide(context.getRequest(), authentication, principal -> {
            String facilityId = context.getVariables().get(facilityVariable);
            if (principal.has(HubRole.HUB_ADMIN)) {
                return null;
            }
            if (principal.has(HubRole.FACILITY_ADMIN) && facilityId.equals(principal.actingFacilityId())) {
                return null;
            }
            return "requires FACILITY_ADMIN of facility " + facilityId + " (acting for "
                    + principal.actingFacilityId() + " as " + principal.roles() + ") or HUB_ADMIN";
        });
    }

    private interface Rule {
        /** @return null when granted, else why not */
        String refusal(HubPrincipal principal);
    }

    private static AuthorizationDecision decide(HttpServletRequest request, Supplier<Authentication> authentication,
                                                Rule rule) {
        if (!(authentication.get() instanceof HubAuthentication hub)) {
            request.setAttribute(RequestAttributes.DENIAL_REASON, "not authenticated");
            return new AuthorizationDecision(false);
        }
        if (!hub.fullScope()) {
            request.setAttribute(RequestAttributes.DENIAL_REASON, "two-factor enrolment not completed");
            return new AuthorizationDecision(false);
        }
        String refusal = rule.refusal(hub.getPrincipal());
        if (refusal != null) {
            request.setAttribute(RequestAttributes.DENIAL_REASON, refusal);
        }
        return new AuthorizationDecision(refusal == null);
    }

    @SafeVarargs
    private static Set<HubRole> union(Set<HubRole>... sets) {
        Set<HubRole> all = EnumSet.noneOf(HubRole.class);
        for (Set<HubRole> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
