package jp.renkei.hub.app.portal;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The portal's language: Japanese unless the person switched to English, a choice kept in a cookie
 * ({@value #COOKIE}) so that it holds before login too. Only these two languages are offered; anything else falls
 * back to Japanese.
 */
@Configuration(proxyBeanMethods = false)
public class PortalLocale {

    static final String COOKIE = "__Host-renkei-lang";

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
        resolver.setDefaultLocale(Locale.JAPANESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSecure(true);
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Strict");
        resolver.setCookiePath("/");
        resolver.setRejectInvalidCookies(true);
        return resolver;
    }

    @Controller
    static class LanguageSwitch {

        private final LocaleResolver locales;

        LanguageSwitch(LocaleResolver locales) {
            this.locales = locales;
        }

        /** Switches the language and goes back to the page the person was on (a portal path, nothing else). */
        @PostMapping("/portal/language")
        String choose(@RequestParam String lang, @RequestParam(required = false) String back,
                      HttpServletRequest request, HttpServletResponse response) {
            locales.setLocale(request, response, "en".equals(lang) ? Locale.ENGLISH : Locale.JAPANESE);
            return "redirect:" + (back != null && back.matches("/portal(/[A-Za-z0-9/_.-]*)?(\\?[A-Za-z0-9=&_.%-]*)?")
                    ? back : "/portal");
        }
    }
}
