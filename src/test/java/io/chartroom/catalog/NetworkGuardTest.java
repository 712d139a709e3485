package io.chartroom.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.catalog.service.NetworkGuard;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class NetworkGuardTest {

    static String problem(String address, boolean allowPrivate, boolean allowLoopback) throws Exception {
        var method = NetworkGuard.class.getDeclaredMethod("problem", InetAddress.class, boolean.class, boolean.class);
        method.setAccessible(true);
        return (String) method.invoke(null, InetAddress.getByName(address), allowPrivate, allowLoopback);
    }

    @Test
    void linkLocalAndCloudMetadataAreAlwaysRefused() throws Exception {
        for (String address : new String[] {"169.254.169.254", "169.254.170.2", "fe80::1", "100.100.100.200", "fd00:ec2::254",
                "::ffff:169.254.169.254"}) {
            assertThat(problem(address, true, true)).as(address).contains("always refused");
        }
    }

    @Test
    void privateNetworksOnlyWhenAllowed() throws Exception {
        for (String address : new String[] {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "fd12:3456::1"}) {
            assertThat(problem(address, false, false)).as(address).contains("private network");
            assertThat(problem(address, true, false)).as(address).isNull();
        }
        assertThat(problem("172.32.0.1", false, false)).isNull();
    }

    @Test
    void loopbackOnlyWhenAllowed() throws Exception {
        assertThat(problem("127.0.0.1", false, false)).contains("loopback");
        assertThat(problem("::1", false, false)).contains("loopback");
        assertThat(problem("127.0.0.1", false, true)).isNull();
    }

    @Test
    void publicAddressesPass() throws Exception {
        assertThat(problem("93.184.215.14", false, false)).isNull();
        assertThat(problem("2606:4700::6810:84e5", false, false)).isNull();
        assertThat(problem("0.0.0.0", true, true)).contains("not a unicast");
    }
}
