#!/usr/bin/env python3
"""Compares the release tarballs of two folders (upstream's first, ours second), entry by entry.

For every tarball name in either folder: the entry names, types, modes, owners (uid/gid and names) and sizes, and
the sha256 of every regular file's bytes. Times and entry order are left out: upstream's carry the file system's,
ours the release time in byte order of the names. Archives inside an archive (the source tarball inside the node and
server tarballs, the server images) are compared by their own entries, recursively. Prints one line per tarball and
each difference; a difference listed in KNOWN is printed with its reason and does not fail the comparison.

    compare-tarballs.py [--verbose] UPSTREAM_DIR PLUGIN_DIR

Known differences are counted by kind; --verbose lists each.
"""
import hashlib
import io
import os
import re
import sys
import tarfile

# (pattern the tarball's name ends with, entry name suffix, the kinds of difference) -> why; the README lists the same.
KNOWN = {
    (r"kubernetes-server-[a-z0-9]+-[a-z0-9]+\.tar\.gz", ".tar", ("bytes", "size")):
        "a server image archive: docker save records the image's build time, so no two builds of it are equal",
    (r"kubernetes-src\.tar\.gz", "kubernetes/.dockerized-kube-version-defs", ("only in upstream's",)):
        "the version stamp upstream's build scripts leave at the top of the tree; its source tarball takes it along when "
        "they ran in the checkout, ours never (the plugin keeps its stamp under _output)",
}

# (upstream's mode, ours) -> why: modes are normalised in ours, taken from the file system in upstream's.
KNOWN_MODES = {
    ("0o664", "0o644"): "the checkout's file is 0664 on disk (this tree was unpacked as root from a git archive, which keeps "
                        "the archive's modes); ours are git's 0644/0755 whatever the checkout's umask",
    ("0o775", "0o755"): "the checkout's folder or script is 0775 on disk (unpacked as root from a git archive); ours are git's "
                        "0644/0755 whatever the checkout's umask",
    ("0o600", "0o644"): "docker save writes its image archive 0600; ours are git's 0644/0755 whatever the writer's umask",
}

TYPES = {tarfile.REGTYPE: "file", tarfile.AREGTYPE: "file", tarfile.DIRTYPE: "dir", tarfile.SYMTYPE: "symlink",
         tarfile.LNKTYPE: "hardlink"}


def entries(data):
    """name -> (type, mode, uid, gid, uname, gname, size, sha256, link, bytes if an archive)"""
    listing = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
        for member in archive.getmembers():
            content = archive.extractfile(member).read() if member.isreg() else b""
            nested = content if member.isreg() and member.name.endswith((".tar", ".tar.gz")) else None
            listing[member.name.rstrip("/")] = dict(
                type=TYPES.get(member.type, repr(member.type)), mode=oct(member.mode & 0o7777), owner=(member.uid, member.gid),
                names=(member.uname, member.gname), size=member.size, sha256=hashlib.sha256(content).hexdigest(),
                link=member.linkname, nested=nested)
    return listing


def known(tarball, entry, what):
    for (tarball_ending, entry_suffix, kinds), reason in KNOWN.items():
        if re.search(tarball_ending + "$", tarball) and entry.endswith(entry_suffix) and what in kinds:
            return reason
    return None


def compare(label, upstream, ours, problems, notes):
    """Compares two archives' bytes; records (label, what) in problems or notes."""
    theirs, mine = entries(upstream), entries(ours)
    for name in sorted(set(theirs) - set(mine)):
        reason = known(label, name, "only in upstream's")
        if reason:
            notes.append((f"{label}: {name}", "only in upstream's", reason))
        else:
            problems.append(f"{label}: {name} only in upstream's")
    for name in sorted(set(mine) - set(theirs)):
        problems.append(f"{label}: {name} only in ours")
    for name in sorted(set(theirs) & set(mine)):
        a, b = theirs[name], mine[name]
        for field in ("type", "mode", "owner", "names", "link"):
            if a[field] != b[field]:
                reason = KNOWN_MODES.get((a[field], b[field])) if field == "mode" else None
                kind = f"{field} {a[field]} upstream, {b[field]} ours"
                if reason:
                    notes.append((f"{label}: {name}", kind, reason))
                else:
                    problems.append(f"{label}: {name}: {kind}")
        if a["nested"] is not None and b["nested"] is not None and a["sha256"] != b["sha256"] \
                and not known(label, name, "bytes"):
            compare(f"{label} > {name}", a["nested"], b["nested"], problems, notes)
            continue
        for field in ("size", "sha256"):
            if a[field] != b[field]:
                what = "bytes" if field == "sha256" else "size"
                reason = known(label, name, what)
                kind = f"{what} differ ({a['size']} upstream, {b['size']} ours)"
                if reason:
                    notes.append((f"{label}: {name}", kind, reason))
                else:
                    problems.append(f"{label}: {name}: {kind}")
                break
    return len(theirs), len(mine)


def summarised(notes):
    """Known differences counted by kind and reason, with one entry named for example."""
    kinds = {}
    for where, kind, reason in notes:
        kinds.setdefault((kind if not kind.startswith("bytes") else "bytes differ", reason), []).append((where, kind))
    for (kind, reason), entries in kinds.items():
        where, first_kind = entries[0]
        if len(entries) == 1:
            yield f"{where}: {first_kind}: {reason}"
        else:
            yield f"{len(entries)} entries with {kind} (such as {where}): {reason}"


def main(upstream_dir, plugin_dir, verbose=False):
    names = sorted({name for folder in (upstream_dir, plugin_dir) for name in os.listdir(folder) if name.endswith(".tar.gz")})
    failed = False
    for name in names:
        here = [os.path.join(folder, name) for folder in (upstream_dir, plugin_dir)]
        if not all(os.path.isfile(path) for path in here):
            print(f"{name}: only in {'ours' if os.path.isfile(here[1]) else 'upstream'}")
            failed = True
            continue
        problems, notes = [], []
        with open(here[0], "rb") as a, open(here[1], "rb") as b:
            count_a, count_b = compare(name, a.read(), b.read(), problems, notes)
        verdict = "DIFFERENT" if problems else "same but for known differences" if notes else "same"
        print(f"{name}: {verdict} ({count_a} entries upstream, {count_b} ours"
              f"{', ' + str(len(notes)) + ' entries with a known difference' if notes else ''})")
        for line in problems:
            print(f"  - {line}")
        for line in [f"{where}: {kind}: {reason}" for where, kind, reason in notes] if verbose else summarised(notes):
            print(f"  ~ {line}")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    verbose = arguments[:1] == ["--verbose"]
    sys.exit(main(*arguments[1:] if verbose else arguments, verbose=verbose))
