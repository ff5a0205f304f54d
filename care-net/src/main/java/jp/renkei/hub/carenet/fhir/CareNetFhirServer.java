package jp.renkei.hub.carenet.fhir;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Care-net's read-only FHIR view at {@value #PATH}: a plain HAPI RestfulServer with resource providers over
 * care-net's own tables, apart from the hub's FHIR endpoint ({@code /fhir}, the JPA store behind the consent
 * gate), which refuses CareTeam, Communication and Binary: room content does not belong in the patient record
 * store. Its CapabilityStatement lists exactly the reads and searches offered. The hub's security filters
 * authenticate it like the API (a person's bearer session; HubAccessRules), {@link CareNetFhirView} decides per
 * room. No paging provider: a search answers in one Bundle (at most {@link CareNetFhirView#MAX_POSTS} posts), so
 * no result set is kept on the server where another session could page through it.
 */
@Configuration(proxyBeanMethods = false)
public class CareNetFhirServer {

    public static final String PATH = "/care-net/fhir";
    /** The search parameter naming the room (the CareTeam's ID) on Communication, Observation, DocumentReference. */
    public static final String ROOM_PARAM = "care-net-room";

    @Bean
    ServletRegistrationBean<RestfulServer> careNetFhirServlet(CareNetFhirView view) {
        RestfulServer server = new RestfulServer(FhirContext.forR4Cached());
        server.setServerName("Renkei Hub care-net FHIR view (read-only)");
        server.setResourceProviders(List.of(new CareTeamProvider(view), new CommunicationProvider(view),
                new ObservationProvider(view), new DocumentReferenceProvider(view), new BinaryProvider(view)));
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setServerAddressStrategy(new IncomingRequestAddressStrategy());
        server.registerInterceptor(new OnlyWhatIsOffered());
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, PATH + "/*");
        registration.setName("care-net-fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /**
     * HAPI lists OperationDefinition (its own reader of the server's operation definitions) in every
     * CapabilityStatement; this server defines no operations, so there is nothing to read and it is not listed.
     */
    static final class OnlyWhatIsOffered {

        @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
        public void capabilities(IBaseConformance statement) {
            ((CapabilityStatement) statement).getRest()
                    .forEach(rest -> rest.getResource().removeIf(r -> "OperationDefinition".equals(r.getType())));
        }
    }
}
