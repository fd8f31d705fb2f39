#!/usr/bin/env python3
"""Replica-3 volume creates on the GlusterFS testbed, and where their time goes.

Brings up the three-host testbed of tests/e2e (scripts/testbed.sh, its own
state dir), starts the real `brickyard` with the SSH executor at log level
debug, loads the topology with `brickyard-cli`, then creates N replica-3 1 GiB
volumes one after the other through the API (POST /volumes, /queue polled
every 10 ms) and deletes them. The SSH transport logs one `ssh-timing` line per
command (src/executors/ssh/ssh_transport.h); each create's wall time is split
along its timeline, every instant counted once, in this order of precedence:

  gluster     a gluster CLI command runs on a node
  storage     an LVM, mkfs.xfs, mount, fstab or directory command runs
  ssh         Brickyard waits for a session (pool, connect) or for sshd to
              open a channel and start a command
  brickyard   nothing runs on any node: the server's own work (request,
              placement, store, job queue) and the client's polling (<= 10 ms)

Prints the median of each over the N creates (and the spread), and writes
them as JSON. Needs root; holds the end-to-end tests' lock, so it never shares
the testbed with them, and refuses when another testbed uses 198.18.0.0/24.

  bench/testbed_create.py [--build build] [--volumes 5] [--json FILE]
"""
import argparse
import base64
import fcntl
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEY = "admin-secret"
STATE = os.environ.get("BRICKYARD_BENCH_STATE", "/tmp/brickyard-bench-testbed")
E2E_LOCK = os.environ.get("BRICKYARD_E2E_STATE", "/tmp/brickyard-e2e-testbed") + ".run.lock"
TESTBED_ENV = {"GTB_STATE": STATE, "GTB_PREFIX": "byb", "GTB_BRIDGE": "byb0",
               "GTB_IP_BASE": "30", "GTB_HOSTS": "3", "GTB_DISKS": "1", "GTB_DISK_SIZE": "16G"}
STORAGE = {"lvm", "mkfs.xfs", "mount", "umount", "mkdir", "rmdir", "chown", "chmod", "sh",
           "sed", "udevadm", "wipefs", "xfs_growfs", "cat", "find", "lsof"}
TIMING = re.compile(r"ssh-timing host=(\S+) exit=(-?\d+) end_us=(\d+) session_ms=([\d.]+) "
                    r"channel_ms=([\d.]+) command_ms=([\d.]+) line=(.*)$")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(method, path):
    now = int(time.time())
    qsh = hashlib.sha256(f"{method}&{path}".encode()).hexdigest()
    head = b64(b'{"alg":"HS256","typ":"JWT"}')
    body = b64(json.dumps({"iss": "admin", "iat": now, "exp": now + 600, "qsh": qsh}).encode())
    sig = b64(hmac.new(KEY.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest())
    return f"{head}.{body}.{sig}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def call(base, method, path, body=None):
    """(status, headers, body bytes) of one request; redirects are not followed."""
    req = urllib.request.Request(base + path, method=method,
                                 data=None if body is None else json.dumps(body).encode())
    req.add_header("Authorization", "bearer " + token(method, path))
    if body is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with OPENER.open(req, timeout=600) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def run_job(base, method, path, body=None):
    """Runs an async request to its end; returns (status, headers, body)."""
    status, headers, data = call(base, method, path, body)
    if status != 202:
        return status, headers, data
    queue = headers["Location"]
    deadline = time.time() + 600
    while time.time() < deadline:
        status, headers, data = call(base, "GET", queue)
        if status == 200 and headers.get("X-Pending"):
            time.sleep(0.01)
            continue
        if status == 303:
            return call(base, "GET", headers["Location"])
        return status, headers, data
    raise RuntimeError(f"{method} {path} did not finish in 600 s")


def category(line):
    words = re.findall(r"'([^']*)'", line)
    if not words:
        return "storage"
    program = words[0].rsplit("/", 1)[-1]
    if program == "gluster":
        sub = [w for w in words[1:] if not w.startswith("--")][:2]
        return "health" if sub == ["pool", "list"] else "gluster"
    return "storage" if program in STORAGE else "other"


def breakdown(t0, t1, timings):
    """Splits [t0, t1] (seconds) along the command intervals inside it."""
    segments = []  # (start, end, kind)
    counts = {}
    for t in timings:
        end = t["end_us"] / 1e6
        if end < t0 or end > t1 + 0.05:
            continue
        kind = category(t["line"])
        if kind == "health":
            continue
        counts[kind] = counts.get(kind, 0) + 1
        cmd_start = end - t["command_ms"] / 1e3
        ssh_start = cmd_start - (t["channel_ms"] + t["session_ms"]) / 1e3
        segments.append((max(ssh_start, t0), cmd_start, "ssh"))
        segments.append((max(cmd_start, t0), min(end, t1), kind))
    points = sorted({t0, t1, *[p for s in segments for p in s[:2] if t0 <= p <= t1]})
    share = {"gluster": 0.0, "storage": 0.0, "other": 0.0, "ssh": 0.0, "brickyard": 0.0}
    for a, b in zip(points, points[1:]):
        mid = (a + b) / 2
        active = {k for s, e, k in segments if s <= mid < e}
        for kind in ("gluster", "storage", "other", "ssh"):
            if kind in active:
                share[kind] += b - a
                break
        else:
            share["brickyard"] += b - a
    share["total"] = t1 - t0
    share["commands"] = sum(counts.values())
    return share


def testbed(action):
    env = dict(os.environ, **TESTBED_ENV)
    return subprocess.run([os.path.join(REPO, "scripts/testbed.sh"), action], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def other_testbed():
    out = subprocess.run(["ip", "-4", "-o", "addr", "show"], stdout=subprocess.PIPE, text=True).stdout
    return [line.split()[1] + " " + line.split()[3] for line in out.splitlines()
            if line.split()[3].startswith("198.18.0.") and line.split()[1] != TESTBED_ENV["GTB_BRIDGE"]]


def hosts_env():
    env = {}
    with open(os.path.join(STATE, "hosts.env")) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                env[k] = v.strip('"').strip("'")
    return env


def start_server(build, work, hosts):
    config = {
        "port": "0", "bind_address": "127.0.0.1",
        "jwt": {"admin": {"key": KEY}, "user": {"key": "user-secret"}},
        "glusterfs": {"executor": "ssh", "db": os.path.join(work, "brickyard.db"),
                      "loglevel": "debug",
                      "sshexec": {"keyfile": hosts["GTB_SSH_KEY"], "user": "root", "port": "22",
                                  "known_hosts": hosts["GTB_SSH_KNOWN_HOSTS"],
                                  "fstab": "/etc/fstab"}}}
    path = os.path.join(work, "brickyard.json")
    with open(path, "w") as f:
        json.dump(config, f)
    out = open(os.path.join(work, "server.out"), "w")
    err = open(os.path.join(work, "server.log"), "w")
    proc = subprocess.Popen([os.path.join(build, "bin/brickyard"), "--config", path],
                            stdout=out, stderr=err, stdin=subprocess.DEVNULL, close_fds=True,
                            start_new_session=True)
    for _ in range(150):
        with open(os.path.join(work, "server.out")) as f:
            m = re.search(r"^Listening on port (\d+)", f.read(), re.M)
        if m:
            return proc, f"http://127.0.0.1:{m.group(1)}"
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("brickyard did not start; log: " + os.path.join(work, "server.log"))


def read_timings(work):
    out = []
    with open(os.path.join(work, "server.log"), errors="replace") as f:
        for line in f:
            m = TIMING.search(line.rstrip("\n"))
            if m:
                out.append({"host": m.group(1), "exit": int(m.group(2)), "end_us": int(m.group(3)),
                            "session_ms": float(m.group(4)), "channel_ms": float(m.group(5)),
                            "command_ms": float(m.group(6)), "line": m.group(7)})
    return out


def measure(build, volumes, work):
    hosts = hosts_env()
    proc, base = start_server(build, work, hosts)
    try:
        load = subprocess.run([os.path.join(build, "bin/brickyard-cli"), "--server", base,
                               "--user", "admin", "--secret", KEY, "topology", "load",
                               "--json=" + os.path.join(STATE, "topology.json")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if load.returncode != 0:
            raise RuntimeError("topology load failed:\n" + load.stdout)
        request = {"size": 1, "durability": {"type": "replicate", "replicate": {"replica": 3}}}
        windows, ids = [], []
        for i in range(volumes):
            t0 = time.time()
            status, _, data = run_job(base, "POST", "/volumes", request)
            t1 = time.time()
            if status != 200:
                raise RuntimeError(f"create {i + 1} answered {status}: {data.decode(errors='replace')}")
            ids.append(json.loads(data)["id"])
            windows.append((t0, t1))
            log(f"  create {i + 1}/{volumes}: {t1 - t0:.2f} s")
        for vid in ids:
            status, _, data = run_job(base, "DELETE", "/volumes/" + vid)
            if status not in (200, 204):
                log(f"  delete {vid} answered {status}: {data.decode(errors='replace')}")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    timings = read_timings(work)
    if not timings:
        raise RuntimeError("no ssh-timing lines in the server log (is this build's transport timed?)")
    return [breakdown(t0, t1, timings) for t0, t1 in windows]


def report(rows, volumes):
    keys = [("total", "create, wall time"), ("gluster", "  gluster CLI on a node"),
            ("storage", "  LVM, mkfs.xfs, mount, fstab, dirs"), ("ssh", "  SSH sessions and channels"),
            ("brickyard", "  Brickyard itself (+ polling)")]
    if any(r["other"] > 0 for r in rows):
        keys.insert(4, ("other", "  other node commands"))
    summary = {}
    print(f"Replica-3 1 GiB create on the GlusterFS testbed (3 hosts), {volumes} creates one after "
          f"the other; median [min-max], seconds")
    for key, label in keys:
        values = [r[key] for r in rows]
        med = statistics.median(values)
        summary[key] = {"median_s": med, "min_s": min(values), "max_s": max(values)}
        print(f"{label:<40} {med:7.3f}  [{min(values):.3f}-{max(values):.3f}]")
    commands = statistics.median([r["commands"] for r in rows])
    print(f"{'commands run on nodes per create':<40} {commands:7.0f}")
    summary["commands"] = commands
    return summary


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--volumes", type=int, default=5)
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    if os.geteuid() != 0:
        sys.exit("testbed bench: needs root (network namespaces, loop devices, mounts)")
    for b in ("brickyard", "brickyard-cli"):
        if not os.access(os.path.join(build, "bin", b), os.X_OK):
            sys.exit(f"testbed bench: no {b} in {build}/bin")
    lock = open(E2E_LOCK, "a")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit(f"testbed bench: the testbed is in use by an end-to-end run ({E2E_LOCK} is held)")
    other = other_testbed()
    if other:
        sys.exit("testbed bench: 198.18.0.0/24 is already used by " + ", ".join(other) +
                 " (another testbed is up: make demo-down / make testbed-down)")
    work = os.path.join(STATE + ".run")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    log("testbed bench: bringing up 3 GlusterFS hosts")
    t = time.time()
    up = testbed("up")
    if up.returncode != 0:
        testbed("down")
        sys.exit("testbed bench: testbed did not come up:\n" + up.stdout[-4000:])
    log(f"testbed bench: up in {time.time() - t:.0f} s; {args.volumes} creates")
    try:
        rows = measure(build, args.volumes, work)
    finally:
        down = testbed("down")
        if down.returncode != 0:
            log("testbed bench: testbed down failed:\n" + down.stdout[-4000:])
    summary = report(rows, args.volumes)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"testbed_create": summary, "runs": rows}, f, indent=2)


if __name__ == "__main__":
    main()
