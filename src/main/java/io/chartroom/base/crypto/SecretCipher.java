package io.chartroom.base.crypto;

import io.chartroom.base.settings.DataDirectory;
import io.chartroom.base.settings.InvalidSettingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts credentials at rest (repository passwords, cluster tokens) with AES-256-GCM. The key comes from
 * chartroom.secret-key / CHARTROOM_SECRET_KEY (32 bytes, base64); without it, a key is generated once into
 * the data directory (secret.key, readable by the owner only).
 */
@Component
public class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final String SETTING = "chartroom.secret-key (CHARTROOM_SECRET_KEY)";
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(@Value("${chartroom.secret-key:}") String configured, DataDirectory dataDirectory) {
        byte[] raw;
        if (StringUtils.hasText(configured)) {
            try {
                raw = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(SETTING, "not valid base64");
            }
            if (raw.length != 32) {
                throw new InvalidSettingException(SETTING, "must be 32 bytes (base64 of 32 random bytes), not " + raw.length);
            }
        } else {
            raw = keyFile(dataDirectory.root().resolve("secret.key"));
        }
        key = new SecretKeySpec(raw, "AES");
    }

    /** Encrypts a secret; the purpose (e.g. "chart-repository") is bound to the ciphertext. */
    public byte[] encrypt(String plaintext, String purpose) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(byte[] box, String purpose) {
        if (box == null || box.length < 1 + IV_BYTES + 16 || box[0] != VERSION) {
            throw new IllegalStateException("not a Chartroom secret");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, box, 1, IV_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(box, 1 + IV_BYTES, box.length - 1 - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret cannot be decrypted: was " + SETTING + " changed?");
        }
    }

    private static byte[] keyFile(Path file) {
        return KeyFile.readOrCreate(file, () -> log.info("Generated the key that encrypts stored credentials: {} (set {} to manage it yourself)",
                file, SETTING));
    }
}
