#!/usr/bin/env python3
"""A Docker API proxy between a kubelet and its engine, on a unix socket of its own.

Root on these machines lacks CAP_SYS_RESOURCE, so no process can take a negative OOM score, and dockershim asks
-998 for every pod sandbox (-997 for the containers of Guaranteed pods): runc then fails every pod. This proxy passes
every request and response through byte for byte, except the body of a container-create request, whose negative
HostConfig.OomScoreAdj it raises to 0. Responses are never parsed: they are piped back as they come, so streamed
logs, events and the hijacked connections of attach and exec (after "Connection: Upgrade") pass untouched; requests
are parsed only as far as needed to find where each ends, until a request upgrades the connection, after which the
client's bytes are piped as they come too. A half-close on one side is passed on to the other (stdin's end of an
exec reaches the process).

    docker-oom-proxy.py LISTEN_SOCKET ENGINE_SOCKET
"""
import json
import os
import re
import socket
import sys
import threading

CREATE = re.compile(rb"^/(v[0-9.]+/)?containers/create(\?|$)")
# Hijacked even without an Upgrade header, by older clients.
HIJACK = re.compile(rb"^/(v[0-9.]+/)?(containers/[^/?]+/attach|exec/[^/?]+/start)(\?|$)")
MAX_HEAD = 64 * 1024
MAX_CREATE_BODY = 16 * 1024 * 1024
PIECE = 64 * 1024


def log(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


class BadRequest(Exception):
    pass


def read_head(reader):
    """The request line and header lines, up to and including the empty line; None at a clean end of stream."""
    lines = []
    size = 0
    while True:
        line = reader.readline(MAX_HEAD)
        if not line:
            if lines:
                raise BadRequest("end of stream inside a request head")
            return None
        if not lines and line in (b"\r\n", b"\n"):
            continue  # stray line breaks between requests
        size += len(line)
        if size > MAX_HEAD or not line.endswith(b"\n"):
            raise BadRequest("request head too long")
        lines.append(line)
        if line in (b"\r\n", b"\n"):
            return lines


def header_values(lines, name):
    wanted = name.lower()
    values = []
    for line in lines[1:-1]:
        key, sep, value = line.partition(b":")
        if sep and key.strip().lower().decode("latin-1") == wanted:
            values.append(value.strip())
    return values


def without_headers(lines, names):
    drop = {n.lower() for n in names}
    return [lines[0]] + [
        line for line in lines[1:-1] if line.partition(b":")[0].strip().lower().decode("latin-1") not in drop
    ] + [lines[-1]]


def copy_exact(reader, upstream, count):
    while count > 0:
        piece = reader.read(min(count, PIECE))
        if not piece:
            raise BadRequest("end of stream inside a request body")
        upstream.sendall(piece)
        count -= len(piece)


def read_exact(reader, count):
    data = reader.read(count)
    if len(data) != count:
        raise BadRequest("end of stream inside a request body")
    return data


def chunks(reader):
    """Yields (raw bytes, payload bytes) for each piece of a chunked body, trailers and final line included."""
    while True:
        size_line = reader.readline(MAX_HEAD)
        if not size_line.endswith(b"\n"):
            raise BadRequest("bad chunk size line")
        try:
            size = int(size_line.split(b";", 1)[0].strip(), 16)
        except ValueError:
            raise BadRequest("bad chunk size line") from None
        if size == 0:
            raw = size_line
            while True:
                trailer = reader.readline(MAX_HEAD)
                if not trailer.endswith(b"\n"):
                    raise BadRequest("end of stream inside chunk trailers")
                raw += trailer
                if trailer in (b"\r\n", b"\n"):
                    yield raw, b""
                    return
        yield size_line, b""
        while size > 0:
            piece = reader.read(min(size, PIECE))
            if not piece:
                raise BadRequest("end of stream inside a chunk")
            yield piece, piece
            size -= len(piece)
        end = reader.readline(MAX_HEAD)
        if end not in (b"\r\n", b"\n"):
            raise BadRequest("chunk not followed by a line break")
        yield end, b""


def raise_oom_score(body, target):
    """The create body with a negative HostConfig.OomScoreAdj set to 0, or None when nothing needs changing."""
    try:
        config = json.loads(body)
    except ValueError:
        return None
    host_config = config.get("HostConfig") if isinstance(config, dict) else None
    score = host_config.get("OomScoreAdj") if isinstance(host_config, dict) else None
    if not isinstance(score, int) or score >= 0:
        return None
    host_config["OomScoreAdj"] = 0
    log("%s: OomScoreAdj %d -> 0" % (target.decode("latin-1"), score))
    return json.dumps(config, separators=(",", ":")).encode("utf-8")


def forward_requests(reader, upstream):
    """Forwards requests until the client ends its side or upgrades the connection; then pipes the rest raw."""
    while True:
        head = read_head(reader)
        if head is None:
            return
        parts = head[0].split()
        if len(parts) != 3:
            raise BadRequest("bad request line %r" % head[0][:200])
        method, target = parts[0], parts[1]
        chunked = any(b"chunked" in v.lower() for v in header_values(head, "Transfer-Encoding"))
        lengths = header_values(head, "Content-Length")
        try:
            length = 0 if chunked or not lengths else int(lengths[0])
        except ValueError:
            raise BadRequest("bad Content-Length %r" % lengths[0]) from None
        connection = b",".join(header_values(head, "Connection")).lower()
        upgrade = b"upgrade" in connection or bool(header_values(head, "Upgrade")) or bool(HIJACK.match(target))

        if method == b"POST" and CREATE.match(target) and (chunked or length <= MAX_CREATE_BODY):
            if chunked:
                body = b""
                for _, payload in chunks(reader):
                    body += payload
                    if len(body) > MAX_CREATE_BODY:
                        raise BadRequest("create body too large")
            else:
                body = read_exact(reader, length)
            changed = raise_oom_score(body, target)
            if changed is not None or chunked:
                body = changed if changed is not None else body
                head = without_headers(head, ["Content-Length", "Transfer-Encoding"])
                head.insert(-1, b"Content-Length: %d\r\n" % len(body))
            upstream.sendall(b"".join(head) + body)
        else:
            upstream.sendall(b"".join(head))
            if chunked:
                for raw, _ in chunks(reader):
                    upstream.sendall(raw)
            else:
                copy_exact(reader, upstream, length)

        if upgrade:
            while True:
                piece = reader.read1(PIECE)
                if not piece:
                    return
                upstream.sendall(piece)


def pipe_responses(upstream, client):
    try:
        while True:
            piece = upstream.recv(PIECE)
            if not piece:
                break
            client.sendall(piece)
    except OSError:
        pass
    finally:
        try:
            client.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def serve(client, engine_socket):
    upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        upstream.connect(engine_socket)
    except OSError as e:
        log("cannot reach the engine at %s: %s" % (engine_socket, e))
        client.close()
        upstream.close()
        return
    responses = threading.Thread(target=pipe_responses, args=(upstream, client), daemon=True)
    responses.start()
    reader = client.makefile("rb", buffering=PIECE)
    try:
        forward_requests(reader, upstream)
    except BadRequest as e:
        log("closing a connection: %s" % e)
    except OSError:
        pass
    finally:
        try:
            upstream.shutdown(socket.SHUT_WR)
        except OSError:
            pass
    responses.join()
    reader.close()
    client.close()
    upstream.close()


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: docker-oom-proxy.py LISTEN_SOCKET ENGINE_SOCKET")
    listen, engine_socket = sys.argv[1], sys.argv[2]
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    partial = listen + ".partial"
    for path in (listen, partial):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
    old_umask = os.umask(0o177)
    server.bind(partial)
    os.umask(old_umask)
    server.listen(128)
    os.rename(partial, listen)  # the socket appears only once it accepts
    log("proxying %s to %s" % (listen, engine_socket))
    while True:
        client, _ = server.accept()
        threading.Thread(target=serve, args=(client, engine_socket), daemon=True).start()


if __name__ == "__main__":
    main()
