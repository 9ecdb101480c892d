package io.github.kubemaven.release;

import io.github.kubemaven.ground.Hashing;
import io.github.kubemaven.ground.OutputFolder;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * Writes a .tar.gz that depends on nothing but the files' names, contents, executable bits and link targets: entries
 * in byte order of their names, every mtime the given epoch, owner and group 0 (root), modes as git gives them under
 * the usual umask (0755 for folders and executables, 0644 for other files, whatever the umask of the checkout or the
 * build), gzip's default level as upstream's {@code tar czf} uses, no name or time in the gzip header. Sockets, pipes and devices are left out, as tar leaves them. Files are streamed, so memory stays bounded whatever their size. A {@code .sha256} and {@code .sha512}
 * file in sha256sum's format land beside the tarball.
 */
public final class ReproducibleTarball {

    private ReproducibleTarball() {
    }

    /**
     * @param tarball  the file to write
     * @param base     the folder whose contents go in
     * @param prefix   put before every entry name, for example {@code kubernetes/}, or empty
     * @param include  which paths below {@code base} go in (a left-out folder leaves out all below it)
     * @param mtime    seconds since the epoch for every entry
     */
    public static void write(Path tarball, Path base, String prefix, Predicate<Path> include, long mtime) {
        writeCompressed(tarball, compressed -> {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed, StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            addChildren(tar, base, base, prefix, include, mtime);
            tar.finish();
        });
    }

    /** Compresses a tar archive made elsewhere (such as by {@code git archive}) into {@code tarball}, as {@link #write} does. */
    public static void compress(Path archive, Path tarball) {
        writeCompressed(tarball, compressed -> {
            try (InputStream in = Files.newInputStream(archive)) {
                in.transferTo(compressed);
            }
        });
    }

    private interface TarContent {
        void writeTo(OutputStream compressed) throws IOException;
    }

    private static void writeCompressed(Path tarball, TarContent content) {
        MessageDigest sha256 = Hashing.digest("SHA-256");
        MessageDigest sha512 = Hashing.digest("SHA-512");
        GzipParameters gzip = new GzipParameters();
        gzip.setCompressionLevel(Deflater.DEFAULT_COMPRESSION);
        gzip.setModificationTime(0);
        try {
            for (String algorithm : SUMS) {
                Files.deleteIfExists(sumOf(tarball, algorithm));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + tarball, e);
        }
        OutputFolder.writeAtomically(tarball, file -> {
            OutputStream digests = new DigestOutputStream(new DigestOutputStream(file, sha256), sha512);
            try (GzipCompressorOutputStream compressed = new GzipCompressorOutputStream(digests, gzip)) {
                content.writeTo(compressed);
            }
        });
        writeChecksum(tarball, "sha256", sha256.digest());
        writeChecksum(tarball, "sha512", sha512.digest());
    }

    private static final List<String> SUMS = List.of("sha256", "sha512");

    private static Path sumOf(Path tarball, String algorithm) {
        return tarball.resolveSibling(tarball.getFileName() + "." + algorithm);
    }

    private static void addChildren(TarArchiveOutputStream tar, Path base, Path directory, String prefix,
                                    Predicate<Path> include, long mtime) throws IOException {
        List<Path> children = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory)) {
            listing.filter(include).forEach(children::add);
        }
        children.sort((left, right) -> compareBytes(left.getFileName().toString(), right.getFileName().toString()));
        for (Path child : children) {
            String name = prefix + base.relativize(child).toString().replace('\\', '/');
            if (Files.isSymbolicLink(child)) {
                TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                entry.setLinkName(Files.readSymbolicLink(child).toString());
                normalize(entry, 0777, mtime);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                TarArchiveEntry entry = new TarArchiveEntry(name + "/");
                normalize(entry, 040000 | 0755, mtime);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
                addChildren(tar, base, child, prefix, include, mtime);
            } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(Files.size(child));
                normalize(entry, 0100000 | (executable(child) ? 0755 : 0644), mtime);
                tar.putArchiveEntry(entry);
                try (InputStream in = Files.newInputStream(child)) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    private static void normalize(TarArchiveEntry entry, int mode, long mtime) {
        entry.setMode(mode);
        entry.setModTime(Instant.ofEpochSecond(mtime).toEpochMilli());
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("root");
        entry.setGroupName("root");
    }

    private static boolean executable(Path path) throws IOException {
        return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
    }

    private static int compareBytes(String left, String right) {
        return java.util.Arrays.compare(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeChecksum(Path tarball, String algorithm, byte[] digest) {
        byte[] line = (HexFormat.of().formatHex(digest) + "  " + tarball.getFileName() + "\n").getBytes(StandardCharsets.UTF_8);
        OutputFolder.writeAtomically(sumOf(tarball, algorithm), out -> out.write(line));
    }
}
