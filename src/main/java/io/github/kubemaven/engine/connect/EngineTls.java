package io.github.kubemaven.engine.connect;

import com.github.dockerjava.core.util.CertificateUtils;
import io.github.kubemaven.ground.Hints;
import io.github.kubemaven.ground.KubeBuildException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * The TLS side of an {@link EngineEndpoint}, built from the PEM files in its TLS directory: {@code ca.pem} the
 * authorities the engine's certificate must come from (without it, the JDK's own), {@code cert.pem} with
 * {@code key.pem} the client's certificate and key (used when both are there). An endpoint that does not verify trusts
 * any certificate for any name.
 */
final class EngineTls {

    static final String CA = "ca.pem";
    static final String CERTIFICATE = "cert.pem";
    static final String KEY = "key.pem";

    private static final char[] KEY_PASSWORD = "docker".toCharArray();

    private EngineTls() {
    }

    /**
     * The TLS context for {@code endpoint}, or null when it has no TLS; a file that cannot be read or used fails here,
     * in one line that names it.
     */
    static SSLContext context(EngineEndpoint endpoint) {
        Path directory = endpoint.tlsDirectory();
        if (directory == null) {
            return null;
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(directory, endpoint), trustManagers(directory, endpoint), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new KubeBuildException("No TLS context for the Docker engine at " + endpoint.describe() + ": "
                    + e.getMessage(), Hints.DOCKER_TLS_FILES, e);
        }
    }

    private static KeyManager[] keyManagers(Path directory, EngineEndpoint endpoint) throws GeneralSecurityException {
        Path certificate = directory.resolve(CERTIFICATE);
        Path key = directory.resolve(KEY);
        if (!Files.exists(certificate) || !Files.exists(key)) {
            return null;
        }
        Certificate[] chain = certificates(certificate, endpoint).toArray(Certificate[]::new);
        PrivateKey privateKey;
        try {
            privateKey = CertificateUtils.loadPrivateKey(read(key, endpoint));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw unusable(key, endpoint, e.getMessage());
        }
        if (privateKey == null) {
            throw unusable(key, endpoint, "it holds no private key in PEM form");
        }
        if (chain.length == 0) {
            throw unusable(certificate, endpoint, "it holds no certificate in PEM form");
        }
        KeyStore store = emptyKeyStore();
        store.setKeyEntry("client", privateKey, KEY_PASSWORD, chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, KEY_PASSWORD);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(Path directory, EngineEndpoint endpoint) throws GeneralSecurityException {
        if (!endpoint.tlsVerify()) {
            return new TrustManager[] {new TrustingAnyCertificate()};
        }
        Path ca = directory.resolve(CA);
        if (!Files.exists(ca)) {
            return null;
        }
        Collection<? extends Certificate> authorities = certificates(ca, endpoint);
        if (authorities.isEmpty()) {
            throw unusable(ca, endpoint, "it holds no certificate in PEM form");
        }
        KeyStore store = emptyKeyStore();
        int index = 0;
        for (Certificate authority : authorities) {
            store.setCertificateEntry("ca-" + index++, authority);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static Collection<? extends Certificate> certificates(Path file, EngineEndpoint endpoint) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(read(file, endpoint).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw unusable(file, endpoint, e.getMessage());
        }
    }

    private static String read(Path file, EngineEndpoint endpoint) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw unusable(file, endpoint, e.getMessage() == null ? e.getClass().getSimpleName() : e.toString());
        }
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static KubeBuildException unusable(Path file, EngineEndpoint endpoint, String reason) {
        String firstLine = reason == null ? "" : reason.lines().findFirst().orElse("");
        return new KubeBuildException("The TLS file " + file + " for the Docker engine at " + endpoint.describe()
                + " cannot be used" + (firstLine.isBlank() ? "." : ": " + firstLine), Hints.DOCKER_TLS_FILES);
    }

    /** What the docker CLI's SkipTLSVerify and DOCKER_TLS without DOCKER_TLS_VERIFY mean: no certificate is checked. */
    private static final class TrustingAnyCertificate extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
