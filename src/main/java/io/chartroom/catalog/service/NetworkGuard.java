package io.chartroom.catalog.service;

import io.chartroom.base.database.DatabaseMode;
import io.chartroom.settings.domain.Setting;
import io.chartroom.settings.service.RuntimeSettings;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Guards against server-side request forgery through repository URLs: a URL whose host resolves to a
 * link-local or cloud metadata address is always refused; private networks and loopback only when the admin
 * setting allows them (loopback is allowed on the embedded default, which serves its own sample repository).
 */
@Component
public class NetworkGuard {

    /** Metadata services that are not link-local (Alibaba Cloud, Oracle Cloud legacy, AWS IPv6). */
    private static final Set<String> METADATA = Set.of("100.100.100.200", "192.0.0.192", "fd00:ec2:0:0:0:0:0:254");

    private final RuntimeSettings settings;
    private final DatabaseMode databaseMode;

    public NetworkGuard(RuntimeSettings settings, DatabaseMode databaseMode) {
        this.settings = settings;
        this.databaseMode = databaseMode;
    }

    /** Refuses the URL with a message that says why, or returns normally. */
    public void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BlockedAddressException("only http and https URLs are allowed, not " + uri);
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new BlockedAddressException("the URL has no host: " + uri);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RepositoryFetchException("cannot resolve host " + host);
        }
        boolean allowPrivate = settings.flag(Setting.ALLOW_PRIVATE_NETWORKS);
        for (InetAddress address : addresses) {
            String problem = problem(address, allowPrivate, allowPrivate || databaseMode.embedded());
            if (problem != null) {
                throw new BlockedAddressException(host + " resolves to " + address.getHostAddress() + ", " + problem);
            }
        }
    }

    static String problem(InetAddress a, boolean allowPrivate, boolean allowLoopback) {
        if (a.isLinkLocalAddress() || METADATA.contains(a.getHostAddress())) {
            return "a link-local or cloud metadata address: always refused";
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress() || isBroadcast(a)) {
            return "not a unicast address: refused";
        }
        if (a.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback address: refused unless an admin allows private networks";
        }
        if (isPrivate(a)) {
            return allowPrivate ? null : "a private network address: refused unless an admin allows private networks";
        }
        return null;
    }

    private static boolean isBroadcast(InetAddress a) {
        return a instanceof Inet4Address && a.getHostAddress().equals("255.255.255.255");
    }

    private static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 10
                    || (first == 172 && second >= 16 && second <= 31)
                    || (first == 192 && second == 168)
                    || (first == 100 && second >= 64 && second <= 127); // carrier-grade NAT
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc || a.isSiteLocalAddress(); // fc00::/7 unique local, fec0::/10
        }
        return false;
    }
}
