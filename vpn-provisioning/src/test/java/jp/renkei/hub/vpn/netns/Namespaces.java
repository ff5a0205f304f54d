package jp.renkei.hub.vpn.netns;

import java.util.ArrayList;
import java.util.List;

/**
 * Network namespaces a test creates, named with the JVM's pid (or a given prefix) so parallel runs never clash;
 * all of them are deleted on close (with their veth pairs and bridges).
 */
public final class Namespaces implements AutoCloseable {

    private final String prefix;
    /** veth names must stay within 15 characters. */
    private final String linkPrefix;
    private final List<String> created = new ArrayList<>();

    public Namespaces() {
        this("vpnt" + ProcessHandle.current().pid() % 100000);
    }

    /** Namespaces named {@code <prefix>-<role>}. */
    public Namespaces(String prefix) {
        this.prefix = prefix;
        this.linkPrefix = "v" + ProcessHandle.current().pid() % 100000;
    }

    public String create(String role) {
        String name = prefix + "-" + role;
        Shell.run(List.of("ip", "netns", "add", name)).orFail();
        created.add(name);
        ip(name, "link set lo up");
        return name;
    }

    public void ip(String namespace, String arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
        command.addAll(List.of(arguments.split(" ")));
        Shell.run(command).orFail();
    }

    /** A veth pair from {@code hub}'s bridge to {@code site}, with the site's end addressed. */
    public void link(String hub, String bridge, String site, String siteAddress, int index) {
        String hubEnd = linkPrefix + "h" + index;
        String siteEnd = linkPrefix + "s" + index;
        Shell.run(List.of("ip", "link", "add", hubEnd, "type", "veth", "peer", "name", siteEnd)).orFail();
        Shell.run(List.of("ip", "link", "set", hubEnd, "netns", hub)).orFail();
        Shell.run(List.of("ip", "link", "set", siteEnd, "netns", site)).orFail();
        ip(hub, "link set " + hubEnd + " master " + bridge);
        ip(hub, "link set " + hubEnd + " up");
        ip(site, "addr add " + siteAddress + " dev " + siteEnd);
        ip(site, "link set " + siteEnd + " up");
    }

    @Override
    public void close() {
        for (String name : created) {
            Shell.run(List.of("ip", "netns", "del", name));
        }
    }
}
