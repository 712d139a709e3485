package io.chartroom.base.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The hex HMAC-SHA256 that webhook signatures use, both the ones Chartroom sends and the ones Git hosts send it. */
public final class HmacSha256 {

    private HmacSha256() {
    }

    public static String hex(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public static String hex(String secret, String message) {
        return hex(secret, message.getBytes(StandardCharsets.UTF_8));
    }
}
