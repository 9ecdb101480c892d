package io.github.kubemaven.engine.connect;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;

/** Self-signed certificates and PEM files for TLS tests, made with the Bouncy Castle docker-java brings. */
final class TestCertificates {

    /** A key pair and its self-signed certificate. */
    record Identity(KeyPair keys, X509Certificate certificate) {

        String certificatePem() throws GeneralSecurityException {
            return pem("CERTIFICATE", certificate.getEncoded());
        }

        String keyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }
    }

    private TestCertificates() {
    }

    /** A certificate for {@code dnsName} that is its own authority. */
    static Identity selfSigned(String dnsName) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + dnsName);
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now),
                new Date(now - 60_000), new Date(now + 3_600_000), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        return new Identity(keys, certificate);
    }

    /** A TLS folder as the docker CLI keeps one: ca.pem trusts {@code server}, cert.pem and key.pem are {@code client}. */
    static Path write(Path directory, Identity server, Identity client) throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("ca.pem"), server.certificatePem(), StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve("cert.pem"), client.certificatePem(), StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve("key.pem"), client.keyPem(), StandardCharsets.US_ASCII);
        return directory;
    }

    /** A TLS folder for a server named {@code serverName} and a new client. */
    static Path write(Path directory, String serverName) throws Exception {
        return write(directory, selfSigned(serverName), selfSigned("client"));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
