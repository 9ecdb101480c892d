package io.github.kubemaven.attest;

import io.github.kubemaven.ground.Hashing;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A release tarball read back once: the sha256 and sha512 of the file, and the sha1 and sha256 of every regular file
 * inside. Entries are streamed, so memory holds their names and digests only.
 *
 * @param file    the tarball
 * @param sha256  of the whole file, hex
 * @param sha512  of the whole file, hex
 * @param entries the regular files inside, in the tarball's order
 */
public record TarballContents(Path file, String sha256, String sha512, List<Entry> entries) {

    /** One regular file inside a tarball. */
    public record Entry(String name, long size, String sha1, String sha256) {
    }

    public String name() {
        return file.getFileName().toString();
    }

    public static TarballContents read(Path tarball) {
        MessageDigest fileSha256 = Hashing.digest("SHA-256");
        MessageDigest fileSha512 = Hashing.digest("SHA-512");
        List<Entry> entries = new ArrayList<>();
        try (InputStream raw = new DigestInputStream(new DigestInputStream(Files.newInputStream(tarball), fileSha256), fileSha512);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(raw, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                MessageDigest sha1 = Hashing.digest("SHA-1");
                MessageDigest sha256 = Hashing.digest("SHA-256");
                try (OutputStream sink = new DigestOutputStream(new DigestOutputStream(OutputStream.nullOutputStream(), sha1), sha256)) {
                    tar.transferTo(sink);
                }
                entries.add(new Entry(entry.getName(), entry.getSize(), Hashing.hex(sha1), Hashing.hex(sha256)));
            }
            raw.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the tarball " + tarball, e);
        }
        return new TarballContents(tarball, Hashing.hex(fileSha256), Hashing.hex(fileSha512), List.copyOf(entries));
    }
}
