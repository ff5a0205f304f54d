package jp.renkei.hub.vpn.netns;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this run can create network namespaces and run strongSwan: root, iproute2, swanctl and charon-systemd. */
public final class Root {

    public static final Path CHARON = Path.of("/usr/sbin/charon-systemd");
    public static final Path PLUGINS = Path.of("/usr/lib/ipsec/plugins");

    private Root() {
    }

    /** By uid, not by name: containers may call uid 0 something else. */
    public static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    public static boolean hasStrongswan() {
        return Files.isExecutable(CHARON) && onPath("swanctl") && onPath("ip")
                && Files.exists(PLUGINS.resolve("libstrongswan-kernel-libipsec.so"));
    }

    /** Why the namespace tests cannot run here, or null when they can. */
    public static String missing() {
        if (!isRoot()) {
            return "needs root (network namespaces); CI runs as root";
        }
        if (!hasStrongswan()) {
            return "needs strongswan-swanctl, charon-systemd, libcharon-extra-plugins (kernel-libipsec) and iproute2";
        }
        return null;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command));
    }
}
