package jp.renkei.hub.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import jp.renkei.hub.core.auth.TotpCodes;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ApplicationContext;

/**
 * A real browser on the portal: Debian's {@code chromium} driven headless through {@code chromium-driver}
 * (Selenium 4), on the hub's HTTPS port (its certificate is the test hub's own, hence
 * {@code acceptInsecureCerts}). Japanese is the browser's language. {@link #assertAccessible()} runs axe-core on
 * the current page; {@link #screenshot(String)} writes {@code docs/portal/<name>.png} when the build runs with
 * {@code -Drenkei.docs.write=true} (as the documentation's screenshots are made).
 *
 * <p>Browsers are reused within a test JVM: {@link #close()} wipes what the portal left in the browser (every
 * cookie, the cache, the hub origin's storage) and keeps it for the next {@link #open}, which is then as fresh as
 * a new one for the portal; launching Chromium and its driver cost about 3 s each time, 34 times a run. A browser that
 * cannot be wiped (a test left it broken) is quit instead. The JVM quits the kept ones when it exits.
 */
public final class PortalChrome implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("../docs/portal");
    private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");
    private static final long TOTP_STEP_SECONDS = 30;
    /** The TOTP step of each person's last login through a browser here (the hub accepts a step once). */
    private static final java.util.Map<String, Long> USED_STEPS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Browsers wiped by {@link #close()}, waiting for the next {@link #open}; quit when the JVM exits. */
    private static final Deque<ChromeDriver> IDLE = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ChromeDriver idle; (idle = IDLE.poll()) != null; ) {
                try {
                    idle.quit();
                } catch (RuntimeException alreadyGone) {
                    // the driver process went with the JVM's children
                }
            }
        }, "portal-chrome-quit"));
    }

    private final ChromeDriver driver;
    private final String base;
    private final WebDriverWait wait;
    private boolean closed;

    private PortalChrome(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** A fresh browser (no cookies, storage or cache) at a desktop size, or {@code width} pixels wide (768: tablet). */
    public static PortalChrome open(int port, int width) {
        ChromeDriver driver = IDLE.poll();
        if (driver == null) {
            driver = launch(width);
        }
        driver.manage().window().setSize(new Dimension(width, 1000));
        return new PortalChrome(driver, "https://localhost:" + port);
    }

    private static ChromeDriver launch(int width) {
        assertThat(CHROMIUM).as("the browser suite needs Debian's chromium (.ci/run installs it)").exists();
        assertThat(CHROMEDRIVER).as("the browser suite needs chromium-driver (.ci/run installs it)").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=ja-JP", "--window-size=" + width + ",1000", "--hide-scrollbars");
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    public static PortalChrome open(int port) {
        return open(port, 1280);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a portal path. */
    public PortalChrome go(String path) {
        driver.get(base + path);
        return this;
    }

    /** The path (and query) of the current page. */
    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public WebElement find(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Types into the field with this {@code id} (after clearing it). */
    public PortalChrome type(String id, String text) {
        WebElement field = find(By.id(id));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Clicks the (first) button or link whose visible text contains {@code text}, and waits for the next page. */
    public PortalChrome click(String text) {
        WebElement element = find(By.xpath("//button[contains(normalize-space(.), " + xpathLiteral(text)
                + ")] | //a[contains(normalize-space(.), " + xpathLiteral(text) + ")]"
                + " | //input[@type='submit' and contains(@value, " + xpathLiteral(text) + ")]"));
        clickAndWait(element);
        return this;
    }

    /**
     * Clicks and, when the click leaves the page, waits for the next one: the old document going stale marks the
     * navigation. A plain link or a plain form's submit button must lead to another page, and is given up to 20 s
     * to get there (a loaded CI machine can take more than a few seconds to answer); a click that htmx turns into
     * an in-page update, or that only ticks a box, is given 3 s in case it navigates after all.
     */
    public void clickAndWait(WebElement element) {
        boolean leaves = Boolean.TRUE.equals(driver.executeScript(LEAVES_THE_PAGE, element));
        WebElement before = driver.findElement(By.tagName("html"));
        element.click();
        try {
            new WebDriverWait(driver, Duration.ofSeconds(leaves ? 20 : 3)).until(d -> isGone(before));
        } catch (org.openqa.selenium.TimeoutException stayedOnThePage) {
            // an in-page update (or a download): nothing to wait for here
        }
        waitForPage();
    }

    /** Whether clicking {@code arguments[0]} makes the browser load another page (no htmx, no print link). */
    private static final String LEAVES_THE_PAGE = """
            var e = arguments[0];
            if (e.closest('[hx-get],[hx-post]')) { return false; }
            var a = e.closest('a[href]');
            if (a) {
              var h = a.getAttribute('href');
              return !h.startsWith('#') && !a.hasAttribute('data-print') && !a.hasAttribute('download') && !a.target;
            }
            var b = e.closest('button,input');
            return !!(b && b.type === 'submit' && b.form && !b.form.matches('[hx-get],[hx-post]') && !b.form.target);
            """;

    /** The main content's visible text. */
    public String mainText() {
        return textOf(By.tagName("main"));
    }

    /** The visible text of the whole page (header and banners included). */
    public String pageText() {
        return textOf(By.tagName("body"));
    }

    /** The element's text, read again if the page was replaced between finding and reading it. */
    private String textOf(By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                return find(by).getText();
            } catch (org.openqa.selenium.WebDriverException e) {
                if (attempt == 5 || !leftTheDocument(e)) {
                    throw e;
                }
                waitForPage();
            }
        }
    }

    /** Whether the element's document has been replaced (asked while the next page may still be loading). */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (leftTheDocument(e)) {
                return true;
            }
            throw e;
        }
    }

    /**
     * A stale element, or Chromium's "unknown error" for a node of a document that is being replaced (it answers so
     * mid-navigation instead of "stale element reference": a CI run failed on it).
     */
    private static boolean leftTheDocument(org.openqa.selenium.WebDriverException e) {
        String message = String.valueOf(e.getMessage());
        return e instanceof org.openqa.selenium.StaleElementReferenceException
                || message.contains("does not belong to the document") || message.contains("No node with given id");
    }

    public void waitForPage() {
        wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    /** Waits until the main content contains {@code text} (after an htmx swap, say). */
    public PortalChrome waitForText(String text) {
        wait.until(d -> mainText().contains(text));
        return this;
    }

    /**
     * Logs in through the login pages as a person (password, then the current two-factor code when they have an
     * authenticator), choosing {@code facilityName} when asked which facility to act for.
     */
    public PortalChrome logIn(ApplicationContext context, TestPeople.Person person, String facilityName) {
        go("/portal/login");
        type("login", person.login()).type("password", TestPeople.PASSWORD);
        clickAndWait(find(By.cssSelector("main form button[type=submit]")));
        if (person.totpSecret() != null) {
            String code = context.getBean(TotpCodes.class).codeAt(person.totpSecret(), unusedStep(person));
            type("totp", code);
            clickAndWait(find(By.cssSelector("main form button[type=submit]")));
        }
        if (path().startsWith("/portal/login/facility") && facilityName != null) {
            find(By.xpath("//label[contains(normalize-space(.), " + xpathLiteral(facilityName) + ")]")).click();
            clickAndWait(find(By.cssSelector("main form button[type=submit]")));
        }
        assertThat(path()).as(pageText()).doesNotStartWith("/portal/login");
        return this;
    }

    /**
     * Now, or the start of the next 30-second TOTP step when this person's code of the current step was used
     * already: the hub refuses a code's second use (replay), so a second login within one step must wait.
     */
    private static Instant unusedStep(TestPeople.Person person) {
        long step = Instant.now().getEpochSecond() / TOTP_STEP_SECONDS;
        Long used = USED_STEPS.get(person.id());
        if (used != null && used >= step) {
            long next = (used + 1) * TOTP_STEP_SECONDS;
            try {
                Thread.sleep(Math.max(0, next * 1000 - System.currentTimeMillis()) + 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            step = used + 1;
        }
        USED_STEPS.put(person.id(), step);
        return Instant.now();
    }

    /** axe-core (WCAG 2.1 A and AA rules) finds no serious or critical violation on the current page. */
    public void assertAccessible() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        List<String> blocking = results.getViolations().stream()
                .filter(v -> BLOCKING_IMPACTS.contains(v.getImpact()))
                .map(PortalChrome::describe).toList();
        assertThat(blocking).as("axe-core violations on " + path()).isEmpty();
    }

    private static String describe(Rule violation) {
        return violation.getId() + " (" + violation.getImpact() + "): " + violation.getHelp() + " at "
                + violation.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList();
    }

    /** Writes the current page as {@code docs/portal/<name>.png} when {@code renkei.docs.write=true}. */
    public void screenshot(String name) {
        if (!Boolean.getBoolean("renkei.docs.write")) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    /**
     * Back to the pool, wiped: a blank page first (no script of the portal runs on), then every cookie, the cache
     * and the hub origin's storage. Quit if any of it fails.
     */
    @Override
    public void close() {
        if (closed) {
            return; // a second close must not hand the same browser out twice
        }
        closed = true;
        try {
            driver.get("about:blank");
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
            driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", base, "storageTypes", "all"));
            IDLE.push(driver);
        } catch (RuntimeException broken) {
            driver.quit();
        }
    }
}
