package jp.renkei.hub.core.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * One HTTP access rule of {@link HubAccessRules}: the requests it matches and who it lets through. It is data
 * so that the same list configures Spring Security and renders the table in docs/security.md.
 *
 * @param method   the HTTP method matched, or {@code null} for any method
 * @param patterns the path patterns matched (Spring Security request-matcher patterns)
 * @param who      who is let through, for people to read
 * @param manager  the decision, which records the reason of a refusal for the audit trail
 * @param what     what the paths are for, for people to read
 */
public record AccessRule(HttpMethod method, List<String> patterns, String who,
                         AuthorizationManager<RequestAuthorizationContext> manager, String what) {

    public AccessRule {
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty() || who == null || manager == null || what == null) {
            throw new IllegalArgumentException("an access rule needs patterns, who, a manager and what");
        }
    }
}
