package jp.renkei.hub.core.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Every HTTP access rule of the hub, in one place, checked in order; whatever is not listed is denied.
 * Fine-grained decisions about patient data (consent) are made behind these rules by the consent gate.
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
    static final Set<HubRole> PATIENT_REGISTRARS = Set.copyOf(EnumSet.of(HubRole.DOCTOR, HubRole.DENTIST,
            HubRole.PHARMACIST, HubRole.NURSE, HubRole.VISITING_NURSE, HubRole.CLERK, HubRole.FACILITY_ADMIN));

    /** A hospital gateway enrols the patients its hospital registers; linking needs a person's identity check. */
    static final Set<HubRole> ENROLLERS = union(PATIENT_REGISTRARS, Set.of(HubRole.GATEWAY));

    /**
     * Who may search and view images over DICOMweb: doctors, dentists and nurses (there is no radiologist role;
     * radiologists are doctors) and the facilities' PACS, which query and retrieve over DICOM anyway. Which
     * studies they see is decided behind the rule by the same consent decision as C-FIND (IMAGING).
     */
    static final Set<HubRole> IMAGE_VIEWERS = Set.copyOf(EnumSet.of(HubRole.DOCTOR, HubRole.DENTIST, HubRole.NURSE,
            HubRole.PACS_FORWARDER));

    /** Who may upload images (STOW-RS): a facility's PACS forwarder or gateway, never a person. */
    static final Set<HubRole> IMAGE_SENDERS = Set.copyOf(EnumSet.of(HubRole.PACS_FORWARDER, HubRole.GATEWAY));

    /** Who reads the notices of emergency access to their facility's patients. */
    static final Set<HubRole> BREAK_GLASS_REVIEWERS = Set.copyOf(EnumSet.of(HubRole.DOCTOR, HubRole.FACILITY_ADMIN));

    /**
     * Who handles a facility's gateway quarantine (inputs that could not be ingested): its administrators, its
     * gateway and pharmacy systems; the controller keeps each to its acting facility (hub administrators see all).
     */
    static final Set<HubRole> GATEWAY_OPERATORS = Set.copyOf(EnumSet.of(HubRole.FACILITY_ADMIN, HubRole.GATEWAY,
            HubRole.PHARMACY_SYSTEM, HubRole.HUB_ADMIN));

    /** Who uploads a pharmacy's JAHIS dispensing records: its pharmacy system and its pharmacists. */
    static final Set<HubRole> JAHIS_UPLOADERS = Set.copyOf(EnumSet.of(HubRole.PHARMACY_SYSTEM, HubRole.PHARMACIST));

    /** Who asks another facility for a second read of their own facility's studies, and acknowledges the report. */
    static final Set<HubRole> SECOND_READ_REQUESTERS = Set.copyOf(EnumSet.of(HubRole.DOCTOR, HubRole.RADIOLOGIST));

    private HubAccessRules() {
    }

    public static void declare(
            AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules
                // open: log in, activate an invitation, the CA and its CRL, probes, API description, FHIR capabilities
                .requestMatchers(POST, "/api/auth/login", "/api/auth/activate").permitAll()
                .requestMatchers(GET, "/pki/ca.crt", "/pki/crl").permitAll()
                .requestMatchers(GET, "/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers(GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                .requestMatchers(GET, "/fhir/metadata").permitAll()
                // a person between password and two-factor enrolment may do only this
                .requestMatchers("/api/auth/totp/**", "/api/auth/logout").authenticated()
                // hub administration
                .requestMatchers("/api/admin/audit", "/api/admin/audit/**").access(anyOf(HubRole.HUB_ADMIN))
                .requestMatchers("/fhir/AuditEvent", "/fhir/AuditEvent/**").access(anyOf(HubRole.HUB_ADMIN))
                .requestMatchers(POST, "/api/admin/facilities").access(anyOf(HubRole.HUB_ADMIN))
                .requestMatchers(GET, "/api/admin/facilities").access(anyOf(HubRole.HUB_ADMIN))
                .requestMatchers("/api/admin/facilities/{facilityId}/status").access(anyOf(HubRole.HUB_ADMIN))
                .requestMatchers("/api/admin/event-numbers", "/api/admin/event-numbers/**").access(anyOf(HubRole.HUB_ADMIN))
                // a facility's own administration: its administrators, and hub administrators
                .requestMatchers("/api/admin/facilities/{facilityId}", "/api/admin/facilities/{facilityId}/**")
                .access(administratorOf("facilityId"))
                // everyone signed in
                .requestMatchers("/api/facilities", "/api/facilities/**", "/api/me", "/api/me/**")
                .access(anyOf(EnumSet.allOf(HubRole.class)))
                // the patient cross-reference and IC cards, always for the acting facility
                .requestMatchers(POST, "/api/patients/enrolments").access(anyOf(ENROLLERS))
                .requestMatchers("/api/patients", "/api/patients/**").access(anyOf(PATIENT_REGISTRARS))
                // consents: recorded and read by those who register or treat the patient (acting facility linked)
                .requestMatchers("/api/consents", "/api/consents/**").access(anyOf(PATIENT_REGISTRARS))
                // emergency access is a doctor's decision; its notices are for the facility's doctors and admins
                .requestMatchers(GET, "/api/break-glass/notifications").access(anyOf(BREAK_GLASS_REVIEWERS))
                .requestMatchers(POST, "/api/break-glass").access(anyOf(HubRole.DOCTOR))
                // gateway ingest quarantine: the owning facility's administrators and gateways, hub administrators
                .requestMatchers("/api/gateway/quarantine", "/api/gateway/quarantine/**").access(anyOf(GATEWAY_OPERATORS))
                // JAHIS upload: a pharmacy's system or pharmacists (the controller checks the facility is a pharmacy)
                .requestMatchers(POST, "/api/gateway/jahis").access(anyOf(JAHIS_UPLOADERS))
                // second reads: requested by the study's facility, read de-identified by the reading facility's
                // radiologists; which request each may see is decided by facility in SecondReads
                .requestMatchers("/api/second-reads/requests", "/api/second-reads/requests/**")
                .access(anyOf(SECOND_READ_REQUESTERS))
                .requestMatchers("/api/second-reads/worklist", "/api/second-reads/worklist/**")
                .access(anyOf(HubRole.RADIOLOGIST))
                .requestMatchers("/fhir", "/fhir/**").access(anyOf(FHIR_USERS))
                // DICOMweb: uploads by facility systems, searches and retrieval by clinicians and PACS
                .requestMatchers(POST, "/dicomweb/studies", "/dicomweb/studies/{study}").access(anyOf(IMAGE_SENDERS))
                .requestMatchers(GET, "/dicomweb/**").access(anyOf(IMAGE_VIEWERS))
                .requestMatchers("/actuator/**").access(anyOf(HubRole.HUB_ADMIN))
                .anyRequest().denyAll();
    }

    static AuthorizationManager<RequestAuthorizationContext> anyOf(HubRole role) {
        return anyOf(Set.of(role));
    }

    static AuthorizationManager<RequestAuthorizationContext> anyOf(Set<HubRole> roles) {
        return (authentication, context) -> decide(context.getRequest(), authentication, principal -> {
            boolean granted = principal.roles().stream().anyMatch(roles::contains);
            return granted ? null : "requires one of the roles " + roles + "; acting as " + principal.roles();
        });
    }

    /** HUB_ADMIN, or FACILITY_ADMIN acting for exactly the facility named in the path. */
    static AuthorizationManager<RequestAuthorizationContext> administratorOf(String facilityVariable) {
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
