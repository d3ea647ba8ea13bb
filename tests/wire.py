"""Test helpers that stand where an attacker or an outage would: a forger writing Celery
task messages straight into the broker's Redis (the wire format of Celery's protocol 2 over
kombu's Redis transport, no Celery code involved), and a TCP proxy that can be killed and
brought back on the same port (a service outage, seen from the clients)."""

from __future__ import annotations

import base64
import contextlib
import json
import socket
import threading
import uuid
from typing import Any


def forge(redis: Any, queue: str, task: str, args: list[Any], task_id: str | None = None) -> str:
    """LPUSH one task message for ``task`` onto ``queue``, as kombu would; returns its id."""
    task_id = task_id or uuid.uuid4().hex
    redis.lpush(queue, json.dumps(task_message(queue, task, args, task_id)))
    return task_id


def hold(redis: Any, queue: str, task: str, args: list[Any], since: float) -> str:
    """Put a task message in kombu's ``unacked`` hash and index, as a worker that took it
    from ``queue`` at ``since`` (and has not acknowledged it) leaves it; returns its tag."""
    message = task_message(queue, task, args, uuid.uuid4().hex)
    tag = message["properties"]["delivery_tag"]
    redis.hset("unacked", tag, json.dumps([message, "", queue]))
    redis.zadd("unacked_index", {tag: since})
    return str(tag)


def task_message(queue: str, task: str, args: list[Any], task_id: str) -> dict[str, Any]:
    """One Celery protocol-2 task message in kombu's Redis JSON envelope."""
    body = [args, {}, {"callbacks": None, "errbacks": None, "chain": None, "chord": None}]
    message = {
        "body": base64.b64encode(json.dumps(body).encode()).decode(),
        "content-encoding": "utf-8", "content-type": "application/json",
        "headers": {"lang": "py", "task": task, "id": task_id, "shadow": None, "eta": None, "expires": None,
                    "group": None, "group_index": None, "retries": 0, "timelimit": [None, None],
                    "root_id": task_id, "parent_id": None, "argsrepr": "", "kwargsrepr": "{}",
                    "origin": "forger@nowhere", "ignore_result": True},
        "properties": {"correlation_id": task_id, "reply_to": "", "delivery_mode": 2,
                       "delivery_info": {"exchange": "", "routing_key": queue}, "priority": 0,
                       "body_encoding": "base64", "delivery_tag": uuid.uuid4().hex},
    }
    return message


class TcpProxy:
    """127.0.0.1:``port`` -> ``target``; :meth:`down` closes the port and every connection
    through it, :meth:`up` opens it again (same port)."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._lock = threading.Lock()
        self._conns: list[socket.socket] = []
        self._listener: socket.socket | None = None

    def up(self) -> TcpProxy:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def down(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
            conns, self._conns = self._conns, []
        for sock in [listener, *conns]:
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not listener:
                    client.close()
                    server.close()
                    return
                self._conns += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
