#!/usr/bin/python3
"""TEST-ONLY LVM stand-in for the GlusterFS testbed (see README.md).

Installed as /usr/sbin/lvm (and lvcreate, lvs, ... symlinks) inside ONE
emulated host's mount namespace. It answers the LVM command lines Brickyard
and glusterd run, with LVM's report formats and error texts, on top of loop
devices:

  * a PV is one of the host's loop "disks"; pvcreate writes a real LVM2 label
    (so blkid/wipefs see it), the rest of the metadata lives in state.json;
  * a thin pool is pure accounting: its data and metadata extents are taken
    from the VG like LVM does, and over-allocation is refused;
  * a thin LV is a sparse image file attached to a loop device, with the
    block node /dev/mapper/<vg>-<lv> and the symlink /dev/<vg>/<lv> in the
    host's private /dev; mkfs.xfs, mount, xfs_growfs and fstab stay real;
  * a thin snapshot is a copy of its origin's image taken while the origin's
    filesystem is frozen (what a device-mapper suspend does).

Not emulated: classic (non-thin) snapshots, linear LVs, several PVs per VG,
pool data exhaustion (images are sparse files), lvconvert, vgextend.
"""
import fcntl
import json
import math
import os
import re
import secrets
import stat
import string
import struct
import subprocess
import sys
import time
import zlib

CONF = "/etc/lvm/lvm-standin.conf"      # written by install.sh inside the host
KIB, MIB, GIB = 1024, 1024 ** 2, 1024 ** 3
ECMD_FAILED, EINVALID_CMD_LINE = 5, 3
LOOP_CTL_GET_FREE, LOOP_MAJOR = 0x4C82, 7


class LvmError(Exception):
    def __init__(self, msg, code=ECMD_FAILED):
        super().__init__(msg)
        self.code = code


# ------------------------------------------------------------ arguments ----
# option -> (canonical name, takes a value); shared by every command
OPTIONS = {
    "-q": ("quiet", False), "--quiet": ("quiet", False),
    "-y": ("yes", False), "--yes": ("yes", False),
    "-f": ("force", False), "--force": ("force", False),
    "-v": ("verbose", False), "--verbose": ("verbose", False),
    "-A": ("autobackup", True), "--autobackup": ("autobackup", True),
    "--reportformat": ("reportformat", True), "--noheadings": ("noheadings", False),
    "--noheading": ("noheadings", False), "--nosuffix": ("nosuffix", False),
    "--units": ("units", True), "--separator": ("separator", True),
    "-o": ("options", True), "--options": ("options", True),
    "-a": ("activate", True), "--activate": ("activate", True),
    "-K": ("ignoreactivationskip", False), "--ignoreactivationskip": ("ignoreactivationskip", False),
    "-k": ("setactivationskip", True), "--setactivationskip": ("setactivationskip", True),
    "--poolmetadatasize": ("poolmetadatasize", True),
    "-c": ("chunksize", True), "--chunksize": ("chunksize", True),
    "-L": ("size", True), "--size": ("size", True),
    "-V": ("virtualsize", True), "--virtualsize": ("virtualsize", True),
    "-T": ("thin", False), "--thin": ("thin", False), "--thinpool": ("thinpool", True),
    "-n": ("name", True), "--name": ("name", True),
    "--snapshot": ("snapshot", False),
    "--metadatasize": ("metadatasize", True), "--dataalignment": ("dataalignment", True),
    "--physicalextentsize": ("physicalextentsize", True),
    "-r": ("resizefs", False), "--resizefs": ("resizefs", False),
    "-Z": ("zero", True), "--zero": ("zero", True),
    "--help": ("help", False), "-h": ("help", False),
}
# -s is --snapshot for lvcreate, --physicalextentsize for vgcreate
SHORT_S = {"vgcreate": ("physicalextentsize", True)}


def parse_args(cmd, argv):
    opts, pos, i = {}, [], 0

    def put(name, value):
        if value is True:
            opts[name] = opts.get(name, 0) + 1
        else:
            opts[name] = value

    while i < len(argv):
        a = argv[i]
        i += 1
        if a == "--":
            pos += argv[i:]
            break
        if a.startswith("--"):
            key, eq, val = a.partition("=")
            if key not in OPTIONS:
                raise LvmError(f"{cmd}: unrecognized option '{a}'", EINVALID_CMD_LINE)
            name, has_value = OPTIONS[key]
            if has_value and not eq:
                if i >= len(argv):
                    raise LvmError(f"{cmd}: option '{key}' requires an argument", EINVALID_CMD_LINE)
                val, i = argv[i], i + 1
            put(name, val if has_value else True)
        elif a.startswith("-") and len(a) > 1 and not a[1].isdigit():
            j = 1
            while j < len(a):               # clustered short options: -qq, -ay, -ff
                flag = "-" + a[j]
                spec = SHORT_S.get(cmd, ("snapshot", False)) if flag == "-s" else OPTIONS.get(flag)
                if spec is None:
                    raise LvmError(f"{cmd}: invalid option -- '{a[j]}'", EINVALID_CMD_LINE)
                name, has_value = spec
                if has_value:
                    val = a[j + 1:]
                    if not val:
                        if i >= len(argv):
                            raise LvmError(f"{cmd}: option requires an argument -- '{a[j]}'",
                                           EINVALID_CMD_LINE)
                        val, i = argv[i], i + 1
                    put(name, val)
                    break
                put(name, True)
                j += 1
        else:
            pos.append(a)
    return opts, pos


SIZE_UNITS = {"": MIB, "s": 512, "b": 1, "k": KIB, "m": MIB, "g": GIB, "t": 1024 ** 4}


def parse_size(text, default_unit="m"):
    """'128M', '256K', '+1G', '1048576K' -> (bytes, relative?). LVM's default unit is MiB."""
    m = re.fullmatch(r"([+-]?)(\d+(?:\.\d+)?)([bBsSkKmMgGtT]?)", text or "")
    if not m:
        raise LvmError(f"Invalid argument for size: {text}", EINVALID_CMD_LINE)
    unit = SIZE_UNITS[(m.group(3) or default_unit).lower()]
    return int(float(m.group(2)) * unit), m.group(1)


def round_up(value, unit):
    return -(-value // unit) * unit


# ---------------------------------------------------------------- state ----
def lvm_uuid():
    chars = string.ascii_letters + string.digits
    raw = "".join(secrets.choice(chars) for _ in range(32))
    parts, k = [], 0
    for n in (6, 4, 4, 4, 4, 4, 6):
        parts.append(raw[k:k + n])
        k += n
    return "-".join(parts)


class Host:
    """The stand-in's view of one host: configuration plus locked state."""

    def __init__(self):
        with open(CONF) as f:
            conf = json.load(f)
        self.dir = conf["state"]
        self.disks = [os.path.realpath(d) for d in conf["disks"]]
        os.makedirs(os.path.join(self.dir, "images"), exist_ok=True)
        self.lock = open(os.path.join(self.dir, "lock"), "a")
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        path = os.path.join(self.dir, "state.json")
        self.state = {"pvs": {}, "vgs": {}}
        if os.path.exists(path):
            with open(path) as f:
                self.state = json.load(f)
        self.forget_wiped_pvs()

    def save(self):
        tmp = os.path.join(self.dir, "state.json.new")
        with open(tmp, "w") as f:
            json.dump(self.state, f, indent=1, sort_keys=True)
        os.replace(tmp, os.path.join(self.dir, "state.json"))

    def log(self, argv, code, err):
        with open(os.path.join(self.dir, "commands.log"), "a") as f:
            f.write(json.dumps({"t": round(time.time(), 3), "argv": argv, "rc": code,
                                "err": err.strip()}) + "\n")

    # --- PVs
    def disk(self, path):
        """Canonical path of one of this host's disks, or LvmError like LVM."""
        real = os.path.realpath(path)
        if real not in self.disks or not os.path.exists(real):
            raise LvmError(f"  Cannot use {path}: device not found")
        return real

    def pv(self, path):
        dev = self.disk(path)
        if dev not in self.state["pvs"]:
            raise LvmError(f'  Failed to find physical volume "{path}".')
        return dev, self.state["pvs"][dev]

    def forget_wiped_pvs(self):
        """A PV whose label was wiped (wipefs --all) is gone, with its VG."""
        for dev, pv in list(self.state["pvs"].items()):
            if read_label(dev) != pv["uuid"]:
                vg = pv.get("vg")
                if vg in self.state["vgs"]:
                    for name in list(self.state["vgs"][vg]["lvs"]):
                        deactivate(self, vg, name, check_open=False)
                        remove_image(self, vg, name)
                    del self.state["vgs"][vg]
                del self.state["pvs"][dev]
                remove_pv_link(pv["uuid"])

    # --- VGs and LVs
    def vg(self, name):
        if name not in self.state["vgs"]:
            raise LvmError(f'  Volume group "{name}" not found\n  Cannot process volume group {name}')
        return self.state["vgs"][name]

    def lv(self, spec):
        vg, name = self.resolve_lv(spec)
        lvs = self.vg(vg)["lvs"]
        if name not in lvs:
            raise LvmError(f'  Failed to find logical volume "{vg}/{name}"')
        return vg, name, lvs[name]

    def resolve_lv(self, spec):
        """vg/lv, /dev/vg/lv, /dev/mapper/vg-lv or an active LV's /dev/loopN."""
        if spec.startswith("/dev/mapper/"):
            m = re.fullmatch(r"((?:[^-]|--)+)-((?:[^-]|--)+)", spec[len("/dev/mapper/"):])
            if m:
                return m.group(1).replace("--", "-"), m.group(2).replace("--", "-")
        elif spec.startswith("/dev/loop"):
            real = os.path.realpath(spec)
            for vg, v in self.state["vgs"].items():
                for name, lv in v["lvs"].items():
                    if lv.get("loop") == real:
                        return vg, name
        else:
            parts = spec[len("/dev/"):].split("/") if spec.startswith("/dev/") else spec.split("/")
            if len(parts) == 2 and all(parts):
                return parts[0], parts[1]
        raise LvmError(f'  "{spec}": Invalid path for Logical Volume.')

    def alloc_extents(self, vg):
        v = self.state["vgs"][vg]
        pools = [lv for lv in v["lvs"].values() if lv["type"] == "thin-pool"]
        spare = max((p["meta_extents"] for p in pools), default=0)   # lvol0_pmspare
        return sum(p["extents"] + p["meta_extents"] for p in pools) + spare


# ------------------------------------------------------------ LVM2 label ----
def lvm_crc(data, seed=0xF597A6CF):
    """LVM's CRC32: reflected 0xEDB88320, initial value 0xf597a6cf, no final xor."""
    return (~zlib.crc32(data, ~seed & 0xFFFFFFFF)) & 0xFFFFFFFF


def write_label(dev, uuid, size, pe_start):
    """A real LVM2 label at sector 1, so blkid reports LVM2_member and wipefs removes it."""
    pvh = uuid.replace("-", "").encode() + struct.pack("<Q", size)
    pvh += struct.pack("<QQ", pe_start, 0) + struct.pack("<QQ", 0, 0)      # data area list
    pvh += struct.pack("<QQ", 4096, pe_start - 4096) + struct.pack("<QQ", 0, 0)  # metadata areas
    body = struct.pack("<Q", 1) + b"\0\0\0\0" + struct.pack("<I", 32) + b"LVM2 001" + pvh
    body = body.ljust(512 - 8, b"\0")
    crc = lvm_crc(body[12:])
    sector = b"LABELONE" + body[:8] + struct.pack("<I", crc) + body[12:]
    with open(dev, "r+b") as f:
        f.seek(512)
        f.write(sector)
        os.fsync(f.fileno())


def read_label(dev):
    try:
        with open(dev, "rb") as f:
            f.seek(512)
            sector = f.read(512)
    except OSError:
        return None
    if sector[:8] != b"LABELONE" or sector[24:32] != b"LVM2 001":
        return None
    u = sector[32:64].decode(errors="replace")
    return "-".join((u[0:6], u[6:10], u[10:14], u[14:18], u[18:22], u[22:26], u[26:32]))


def wipe_label(dev):
    with open(dev, "r+b") as f:
        f.seek(512)
        f.write(b"\0" * 512)
        os.fsync(f.fileno())


def pv_link(uuid):
    return f"/dev/disk/by-id/lvm-pv-uuid-{uuid}"


def remove_pv_link(uuid):
    try:
        os.unlink(pv_link(uuid))
    except FileNotFoundError:
        pass


def signature(dev):
    r = subprocess.run(["blkid", "-p", "-o", "value", "-s", "TYPE", dev],
                       capture_output=True, text=True)
    return r.stdout.strip()


# ---------------------------------------------------- loops and /dev nodes ----
def run(argv):
    r = subprocess.run(argv, capture_output=True, text=True)
    if r.returncode != 0:
        raise LvmError(f"  {' '.join(argv)}: {r.stderr.strip()}")
    return r.stdout


def dm_name(vg, lv):
    return f"{vg.replace('-', '--')}-{lv.replace('-', '--')}"


def image_path(host, vg, lv):
    return os.path.join(host.dir, "images", vg, lv + ".img")


def attach_loop(image):
    """Attach `image` to a free loop device; returns /dev/loopN.

    The host's /dev is an overlay, which caches "no such file" answers: a loop
    node the kernel creates later may stay invisible, so create it if needed.
    Hosts race for free loops, hence the bounded retry."""
    ctl = os.open("/dev/loop-control", os.O_RDWR)
    try:
        for _ in range(20):
            n = fcntl.ioctl(ctl, LOOP_CTL_GET_FREE)
            dev = f"/dev/loop{n}"
            if not os.path.exists(dev):
                with open(f"/sys/devices/virtual/block/loop{n}/dev") as f:
                    major, minor = (int(x) for x in f.read().split(":"))
                try:
                    os.mknod(dev, 0o660 | stat.S_IFBLK, os.makedev(major, minor))
                except FileExistsError:
                    pass
            r = subprocess.run(["losetup", dev, image], capture_output=True, text=True)
            if r.returncode == 0:
                return dev
            time.sleep(0.05)
    finally:
        os.close(ctl)
    raise LvmError(f"  Failed to attach a loop device to {image}: {r.stderr.strip()}")


def mountpoint_of(dev):
    """Where the block device `dev` is mounted in this namespace, or None."""
    rdev = os.stat(dev).st_rdev
    want = f"{os.major(rdev)}:{os.minor(rdev)}"
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            if fields[2] == want:
                return fields[4].encode().decode("unicode_escape")
    return None


def activate(host, vg, name):
    lv = host.state["vgs"][vg]["lvs"][name]
    if lv.get("loop"):
        return
    loop = attach_loop(image_path(host, vg, name))
    lv["loop"] = loop
    node = f"/dev/mapper/{dm_name(vg, name)}"
    os.makedirs("/dev/mapper", exist_ok=True)
    os.makedirs(f"/dev/{vg}", exist_ok=True)
    for p in (node, f"/dev/{vg}/{name}"):
        if os.path.lexists(p):
            os.unlink(p)
    os.mknod(node, 0o660 | stat.S_IFBLK, os.stat(loop).st_rdev)
    os.symlink(f"../mapper/{dm_name(vg, name)}", f"/dev/{vg}/{name}")


def deactivate(host, vg, name, check_open=True):
    lv = host.state["vgs"][vg]["lvs"][name]
    if not lv.get("loop"):
        return
    if check_open and os.path.exists(lv["loop"]) and mountpoint_of(lv["loop"]):
        raise LvmError(f"  Logical volume {vg}/{name} contains a filesystem in use.")
    subprocess.run(["losetup", "-d", lv["loop"]], capture_output=True)
    lv["loop"] = None
    for p in (f"/dev/mapper/{dm_name(vg, name)}", f"/dev/{vg}/{name}"):
        if os.path.lexists(p):
            os.unlink(p)
    try:
        os.rmdir(f"/dev/{vg}")
    except OSError:
        pass


def remove_image(host, vg, name):
    try:
        os.unlink(image_path(host, vg, name))
    except FileNotFoundError:
        pass


# ------------------------------------------------------------- commands ----
def cmd_pvcreate(host, opts, pos):
    if not pos:
        raise LvmError("  Please enter a physical volume path.", EINVALID_CMD_LINE)
    md, _ = parse_size(opts.get("metadatasize", "1020K"))
    align, _ = parse_size(opts.get("dataalignment", "1M"), "k")
    for path in pos:
        dev = host.disk(path)
        pv = host.state["pvs"].get(dev)
        if pv and pv.get("vg"):
            raise LvmError(f'  Can\'t initialize physical volume "{path}" of volume group '
                           f'"{pv["vg"]}" without -ff\n  {path}: physical volume not initialized.')
        sig = signature(dev)
        if sig and sig != "LVM2_member":
            raise LvmError(f"  WARNING: {sig} signature detected on {path} at offset 0. "
                           f"Wipe it? [y/n]: [n]\n  Aborted wiping of {sig}.\n"
                           f"  1 existing signature left on the device.")
        size = os.path.getsize(dev) if not stat.S_ISBLK(os.stat(dev).st_mode) else \
            int(run(["blockdev", "--getsize64", dev]))
        pe_start = round_up(4096 + md, max(align, 4096))
        if size < pe_start + 4 * MIB:
            raise LvmError(f"  {path}: device is too small for a PV with --metadatasize {md}")
        uuid = pv["uuid"] if pv else lvm_uuid()
        write_label(dev, uuid, size, pe_start)
        host.state["pvs"][dev] = {"uuid": uuid, "vg": None, "dev_size": size, "pe_start": pe_start}
        os.makedirs("/dev/disk/by-id", exist_ok=True)
        if not os.path.lexists(pv_link(uuid)):
            os.symlink(os.path.relpath(dev, "/dev/disk/by-id"), pv_link(uuid))
        if not opts.get("quiet"):
            print(f'  Physical volume "{path}" successfully created.')


def cmd_pvremove(host, opts, pos):
    for path in pos:
        dev, pv = host.pv(path)
        if pv.get("vg"):
            raise LvmError(f"  PV {path} is used by VG {pv['vg']} so please use vgreduce first.\n"
                           "  (If you are certain you need pvremove, then confirm by using "
                           "--force twice.)\n  {path}: physical volume label not removed.")
        wipe_label(dev)
        remove_pv_link(pv["uuid"])
        del host.state["pvs"][dev]
        if not opts.get("quiet"):
            print(f'  Labels on physical volume "{path}" successfully wiped.')


def cmd_vgcreate(host, opts, pos):
    if len(pos) < 2:
        raise LvmError("  Please provide volume group name and physical volumes",
                       EINVALID_CMD_LINE)
    name, devs = pos[0], pos[1:]
    if len(devs) != 1:
        raise LvmError("  the stand-in supports exactly one PV per VG")
    if not re.fullmatch(r"[A-Za-z0-9+_.][A-Za-z0-9+_.-]*", name) or len(name) > 127:
        raise LvmError(f'  New volume group name "{name}" is invalid.', EINVALID_CMD_LINE)
    if name in host.state["vgs"]:
        raise LvmError(f"  A volume group called {name} already exists.")
    extent, _ = parse_size(opts.get("physicalextentsize", "4M"))
    if extent < 4 * KIB or extent & (extent - 1):
        raise LvmError("  Physical extent size must be a power of 2.", EINVALID_CMD_LINE)
    dev = host.disk(devs[0])
    pv = host.state["pvs"].get(dev)
    if pv and pv.get("vg"):
        raise LvmError(f"  Physical volume '{devs[0]}' is already in volume group '{pv['vg']}'\n"
                       f"  Unable to add physical volume '{devs[0]}' to volume group '{name}'")
    if not pv:                                         # vgcreate's implicit pvcreate
        cmd_pvcreate(host, {"quiet": 2}, [devs[0]])
        pv = host.state["pvs"][dev]
    pv["vg"] = name
    host.state["vgs"][name] = {"uuid": lvm_uuid(), "pv": dev, "extent": extent,
                               "extents": (pv["dev_size"] - pv["pe_start"]) // extent, "lvs": {}}
    if not opts.get("quiet"):
        print(f'  Volume group "{name}" successfully created')


def cmd_vgremove(host, opts, pos):
    for name in pos:
        v = host.vg(name)
        if v["lvs"]:
            if opts.get("force", 0) < 1:
                raise LvmError(f'  Do you really want to remove volume group "{name}" containing '
                               f'{len(v["lvs"])} logical volumes? [y/n]: [n]\n'
                               f'  Volume group "{name}" not removed')
            for lv in list(v["lvs"]):
                deactivate(host, name, lv)
            for lv in list(v["lvs"]):
                remove_image(host, name, lv)
        host.state["pvs"][v["pv"]]["vg"] = None
        del host.state["vgs"][name]
        if not opts.get("quiet"):
            print(f'  Volume group "{name}" successfully removed')


def new_lv(host, vg, name):
    reserved = ("_cdata", "_cmeta", "_mimage", "_mlog", "_pmspare", "_rimage", "_rmeta",
                "_tdata", "_tmeta", "_vdata")
    if not re.fullmatch(r"[A-Za-z0-9+_.][A-Za-z0-9+_.-]*", name) or len(name) > 127 \
            or name.startswith(("snapshot", "pvmove")) or any(r in name for r in reserved):
        raise LvmError(f'  Logical volume name "{name}" is invalid.', EINVALID_CMD_LINE)
    if name in host.vg(vg)["lvs"]:
        raise LvmError(f'  Logical Volume "{name}" already exists in volume group "{vg}"')


def create_thin(host, vg, pool, name, size, skip=False, origin=None):
    """A thin LV: a sparse image of `size` bytes, active unless `skip`."""
    v = host.state["vgs"][vg]
    size = round_up(size, v["extent"])
    image = image_path(host, vg, name)
    os.makedirs(os.path.dirname(image), exist_ok=True)
    if origin:
        copy_frozen(host, vg, origin, image)
    else:
        with open(image, "wb") as f:
            f.truncate(size)
    v["lvs"][name] = {"type": "thin", "pool": pool, "size": size, "origin": origin,
                      "skip": skip, "loop": None, "uuid": lvm_uuid()}
    if not skip:
        try:
            activate(host, vg, name)
        except Exception:
            del v["lvs"][name]
            remove_image(host, vg, name)
            raise


def copy_frozen(host, vg, origin, image):
    """Copy origin's image while its filesystem is frozen (a dm suspend does that)."""
    lv = host.state["vgs"][vg]["lvs"][origin]
    mnt = mountpoint_of(lv["loop"]) if lv.get("loop") else None
    if mnt:
        run(["fsfreeze", "--freeze", mnt])
    try:
        run(["cp", "--sparse=always", image_path(host, vg, origin), image])
    finally:
        if mnt:
            run(["fsfreeze", "--unfreeze", mnt])


def cmd_lvcreate(host, opts, pos):
    if opts.get("help"):
        print(LVCREATE_HELP)
        return
    skip_opt = opts.get("setactivationskip")
    if opts.get("snapshot"):
        if len(pos) != 1 or "name" not in opts:
            raise LvmError("  Please specify a logical volume to act as the snapshot origin and "
                           "--name.", EINVALID_CMD_LINE)
        if "size" in opts:
            raise LvmError("  the stand-in supports thin snapshots only (no --size)")
        vg, origin, lv = host.lv(pos[0])
        if lv["type"] != "thin":
            raise LvmError(f"  Snapshots of {lv['type']} volumes are not supported.")
        name = opts["name"]
        if "/" in name:                   # --name /dev/VG/LV or VG/LV (glusterd does that)
            nvg, _, name = name.removeprefix("/dev/").partition("/")
            if nvg != vg:
                raise LvmError(f"  Inconsistent volume group names given: \"{vg}\" and "
                               f"\"{nvg}\"", EINVALID_CMD_LINE)
        new_lv(host, vg, name)
        skip = skip_opt != "n"            # thin snapshots skip activation by default
        create_thin(host, vg, lv["pool"], name, lv["size"], skip=skip, origin=origin)
        if not opts.get("quiet"):
            print(f'  Logical volume "{name}" created.')
        return
    target = opts.get("thinpool") and (pos[0] + "/" + opts["thinpool"] if pos else None)
    target = target or (pos[0] if pos else None)
    if not (opts.get("thin") or opts.get("thinpool")) or not target or "/" not in target:
        raise LvmError("  the stand-in supports thin pools and thin volumes only "
                       "(--thin VG/POOL or --thinpool POOL VG)", EINVALID_CMD_LINE)
    vg, pool = target.split("/", 1)
    v = host.vg(vg)
    extent = v["extent"]
    if "size" in opts:                                   # create the pool
        new_lv(host, vg, pool)
        data = round_up(parse_size(opts["size"])[0], extent)
        meta, _ = parse_size(opts.get("poolmetadatasize", str(max(4 * MIB, data // 1000)) + "b"))
        meta = round_up(min(max(meta, 2 * MIB), 16 * GIB - 128 * MIB), extent)
        chunk, _ = parse_size(opts.get("chunksize", "64K"), "k")
        if chunk % (64 * KIB) or not 64 * KIB <= chunk <= GIB:
            raise LvmError(f"  Chunk size must be a multiple of 64 KiB in the range 64 KiB to "
                           f"1 GiB: {opts['chunksize']}", EINVALID_CMD_LINE)
        free = v["extents"] - host.alloc_extents(vg)
        v["lvs"][pool] = {"type": "thin-pool", "extents": data // extent,
                          "meta_extents": meta // extent, "chunk": chunk, "uuid": lvm_uuid()}
        need = host.alloc_extents(vg) - (v["extents"] - free)
        if need > free:
            del v["lvs"][pool]
            raise LvmError(f'  Volume group "{vg}" has insufficient free space ({free} extents): '
                           f'{need} required.')
    else:
        p = v["lvs"].get(pool)
        if not p or p["type"] != "thin-pool":
            raise LvmError(f'  Failed to find thin pool "{vg}/{pool}"')
    if "virtualsize" in opts:                            # and/or the thin volume
        name = opts.get("name") or f"lvol{len(v['lvs'])}"
        try:
            new_lv(host, vg, name)
            create_thin(host, vg, pool, name, parse_size(opts["virtualsize"])[0],
                        skip=skip_opt == "y")
        except LvmError:
            if "size" in opts:
                del v["lvs"][pool]
            raise
        if not opts.get("quiet"):
            print(f'  Logical volume "{name}" created.')
    elif not opts.get("quiet"):
        print(f'  Logical volume "{pool}" created.')


def cmd_lvremove(host, opts, pos):
    if not pos:
        raise LvmError("  Please enter one or more logical volume paths", EINVALID_CMD_LINE)
    for spec in pos:
        vg, name, lv = host.lv(spec)
        lvs = host.state["vgs"][vg]["lvs"]
        victims = [name]
        if lv["type"] == "thin-pool":
            deps = [n for n, x in lvs.items() if x.get("pool") == name]
            if deps and not opts.get("force"):
                raise LvmError(f'  Removing pool "{name}" will remove {len(deps)} dependent '
                               f'volume(s). Proceed? [y/n]: [n]\n  Logical volume "{name}" not '
                               'removed.')
            victims = deps + [name]
        for n in victims:
            x = lvs[n]
            if x.get("loop") and os.path.exists(x["loop"]) and mountpoint_of(x["loop"]):
                raise LvmError(f"  Logical volume {vg}/{n} contains a filesystem in use.")
        for n in victims:
            if lvs[n]["type"] == "thin":
                deactivate(host, vg, n)
                remove_image(host, vg, n)
            del lvs[n]
            for x in lvs.values():              # snapshots outlive their origin
                if x.get("origin") == n:
                    x["origin"] = None
            if not opts.get("quiet"):
                print(f'  Logical volume "{n}" successfully removed.')


def cmd_lvchange(host, opts, pos):
    for spec in pos:
        vg, name, lv = host.lv(spec)
        if lv["type"] != "thin":
            raise LvmError(f"  the stand-in cannot change {lv['type']} volumes")
        if "setactivationskip" in opts:
            lv["skip"] = opts["setactivationskip"] == "y"
        act = opts.get("activate")
        if act in ("y", "ey", "ly"):
            if lv["skip"] and not opts.get("ignoreactivationskip"):
                continue                     # LVM silently skips such LVs
            activate(host, vg, name)
        elif act == "n":
            deactivate(host, vg, name)


def cmd_lvextend(host, opts, pos):
    if len(pos) != 1:
        raise LvmError("  Please specify a logical volume path.", EINVALID_CMD_LINE)
    vg, name, lv = host.lv(pos[0])
    v = host.state["vgs"][vg]
    extent = v["extent"]
    if lv["type"] == "thin-pool":
        free = v["extents"] - host.alloc_extents(vg)
        old = dict(lv)
        if "size" in opts:
            size, rel = parse_size(opts["size"])
            lv["extents"] = round_up(size, extent) // extent + (old["extents"] if rel else 0)
        if "poolmetadatasize" in opts:
            size, rel = parse_size(opts["poolmetadatasize"])
            lv["meta_extents"] = round_up(size, extent) // extent + \
                (old["meta_extents"] if rel else 0)
        need = host.alloc_extents(vg) - (v["extents"] - free)
        for key in ("extents", "meta_extents"):
            new, cur = lv[key], old[key]
            if new < cur:
                lv.update(old)
                raise LvmError(f"  New size given ({new} extents) not larger than existing size "
                               f"({cur} extents)")
        if (lv["extents"], lv["meta_extents"]) == (old["extents"], old["meta_extents"]):
            raise LvmError(f"  New size ({old['extents']} extents) matches existing size "
                           f"({old['extents']} extents).")
        if need > free:
            lv.update(old)
            raise LvmError(f'  Insufficient free space: {need} extents needed, but only {free} '
                           'available')
    else:
        size, rel = parse_size(opts.get("size", ""))
        new = round_up(size + (lv["size"] if rel else 0), extent)
        if new == lv["size"]:
            raise LvmError(f"  New size ({new // extent} extents) matches existing size "
                           f"({new // extent} extents).")
        if new < lv["size"]:
            raise LvmError(f"  New size given ({new // extent} extents) not larger than existing "
                           f"size ({lv['size'] // extent} extents)")
        with open(image_path(host, vg, name), "r+b") as f:
            f.truncate(new)
        lv["size"] = new
        if lv.get("loop"):
            run(["losetup", "--set-capacity", lv["loop"]])
            mnt = mountpoint_of(lv["loop"])
            if opts.get("resizefs") and mnt:
                run(["xfs_growfs", mnt])
    if not opts.get("quiet"):
        print(f"  Logical volume {vg}/{name} successfully resized.")


# --------------------------------------------------------------- reports ----
def lv_rows(host, vg):
    v = host.state["vgs"][vg]
    for name, lv in sorted(v["lvs"].items()):
        row = {"lv_name": name, "vg_name": vg, "lv_uuid": lv["uuid"], "pool_lv": "",
               "origin": "", "data_percent": "", "metadata_percent": "", "thin_count": "",
               "move_pv": "", "mirror_log": "", "copy_percent": "", "convert_lv": "",
               "lv_metadata_size": "", "chunk_size": 0, "lv_path": "", "lv_dm_path": "",
               "lv_active": "", "segtype": lv["type"]}
        if lv["type"] == "thin-pool":
            thins = [x for x in v["lvs"].values() if x.get("pool") == name]
            used = sum(allocated(host, vg, n) for n, x in v["lvs"].items() if x.get("pool") == name)
            size, meta = lv["extents"] * v["extent"], lv["meta_extents"] * v["extent"]
            opened = any(x.get("loop") for x in thins)
            row.update(lv_size=size, thin_count=str(len(thins)),
                       data_percent=f"{100.0 * used / size:.2f}",
                       # an estimate: 64 bytes of mapping per used chunk
                       metadata_percent=f"{6400.0 * (used // lv['chunk']) / meta:.2f}",
                       lv_metadata_size=meta, chunk_size=lv["chunk"],
                       lv_attr="twi-a" + ("o" if opened else "-") + "tz--", lv_active="active")
        else:
            active = bool(lv.get("loop"))
            opened = active and os.path.exists(lv["loop"]) and mountpoint_of(lv["loop"])
            used = allocated(host, vg, name)
            row.update(lv_size=lv["size"], pool_lv=lv["pool"], origin=lv.get("origin") or "",
                       data_percent=f"{100.0 * used / lv['size']:.2f}",
                       lv_path=f"/dev/{vg}/{name}", lv_dm_path=f"/dev/mapper/{dm_name(vg, name)}",
                       lv_attr="Vwi-" + ("a" if active else "-") + ("o" if opened else "-")
                       + "tz-" + ("k" if lv.get("skip") else "-"),
                       lv_active="active" if active else "")
        yield row


def allocated(host, vg, name):
    try:
        return os.stat(image_path(host, vg, name)).st_blocks * 512
    except FileNotFoundError:
        return 0


def vg_row(host, name):
    v = host.state["vgs"][name]
    used = host.alloc_extents(name)
    return {"vg_name": name, "vg_uuid": v["uuid"], "pv_count": "1",
            "lv_count": str(len(v["lvs"])), "snap_count": "0", "vg_attr": "wz--n-",
            "vg_size": v["extents"] * v["extent"], "vg_free": (v["extents"] - used) * v["extent"],
            "vg_extent_size": v["extent"], "vg_extent_count": str(v["extents"]),
            "vg_free_count": str(v["extents"] - used)}


def pv_row(host, dev):
    pv = host.state["pvs"][dev]
    row = {"pv_name": dev, "pv_uuid": pv["uuid"], "vg_name": pv.get("vg") or "",
           "pv_fmt": "lvm2", "pv_attr": "a--", "dev_size": pv["dev_size"],
           "pe_start": pv["pe_start"], "pv_size": pv["dev_size"] - pv["pe_start"], "pv_free":
           pv["dev_size"] - pv["pe_start"], "pv_pe_count": "0", "pv_pe_alloc_count": "0"}
    if pv.get("vg"):
        vrow = vg_row(host, pv["vg"])
        v = host.state["vgs"][pv["vg"]]
        row.update(vrow)
        row.update(pv_size=v["extents"] * v["extent"], pv_free=vrow["vg_free"],
                   pv_pe_count=str(v["extents"]),
                   pv_pe_alloc_count=str(host.alloc_extents(pv["vg"])))
    return row


SIZE_FIELDS = {"lv_size", "vg_size", "vg_free", "vg_extent_size", "pv_size", "pv_free",
               "dev_size", "pe_start", "lv_metadata_size", "chunk_size"}
HEADINGS = {"pv_name": "PV", "vg_name": "VG", "lv_name": "LV", "pv_uuid": "PV UUID",
            "vg_uuid": "VG UUID", "lv_uuid": "LV UUID", "pv_fmt": "Fmt", "pv_attr": "Attr",
            "vg_attr": "Attr", "lv_attr": "Attr", "pv_size": "PSize", "pv_free": "PFree",
            "vg_size": "VSize", "vg_free": "VFree", "lv_size": "LSize", "pool_lv": "Pool",
            "origin": "Origin", "data_percent": "Data%", "metadata_percent": "Meta%",
            "thin_count": "#Thins", "pv_count": "#PV", "lv_count": "#LV", "snap_count": "#SN",
            "vg_extent_size": "Ext", "vg_extent_count": "#Ext", "vg_free_count": "Free",
            "move_pv": "Move", "mirror_log": "Log", "copy_percent": "Cpy%Sync",
            "convert_lv": "Convert"}
VG_FIELDS = {"vg_name", "vg_uuid", "pv_count", "lv_count", "snap_count", "vg_attr", "vg_size",
             "vg_free", "vg_extent_size", "vg_extent_count", "vg_free_count"}
PV_FIELDS = {"pv_name", "pv_uuid", "pv_fmt", "pv_attr", "dev_size", "pe_start", "pv_size",
             "pv_free", "pv_pe_count", "pv_pe_alloc_count"}
LV_FIELDS = {"lv_name", "vg_name", "lv_uuid", "pool_lv", "origin", "data_percent",
             "metadata_percent", "thin_count", "move_pv", "mirror_log", "copy_percent",
             "convert_lv", "lv_metadata_size", "chunk_size", "lv_path", "lv_dm_path",
             "lv_active", "segtype", "lv_size", "lv_attr"}
FIELDS = {"pvs": PV_FIELDS | VG_FIELDS, "vgs": VG_FIELDS | PV_FIELDS, "lvs": LV_FIELDS}
DEFAULTS = {
    "pvs": "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free",
    "vgs": "vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free",
    "lvs": "lv_name,vg_name,lv_attr,lv_size,pool_lv,origin,data_percent,metadata_percent,"
           "move_pv,mirror_log,copy_percent,convert_lv",
}


def fmt_size(value, units, nosuffix):
    """LVM's --units: lower case = powers of 1024, upper case = 1000, h = human (default)."""
    if value in ("", None):
        return ""
    u = units or "h"
    base = 1000 if u.isupper() else 1024
    c = u.lower()
    if c == "h":
        c = next((x for x in "tgm" if value >= base ** "bkmgt".index(x)), "k")
    scale = 512 if c == "s" else base ** "bkmgtpe".index(c)
    suffix = "" if nosuffix else (c.upper() if u.isupper() or c == "b" else c)
    if c in "bs":
        return f"{value // scale}{suffix}"
    shown = f"{value / scale:.2f}"
    if (units or "h") in "hH" and float(shown) * scale > value:     # rounded up: say so
        return f"<{math.floor(value * 100 / scale) / 100:.2f}{suffix}"
    return shown + suffix


def report(kind, rows, opts):
    fields = []
    for f in opts.get("options", DEFAULTS[kind]).split(","):
        f = f.strip()
        if f.startswith("+"):
            fields += DEFAULTS[kind].split(",")
            f = f[1:]
        if f and f not in FIELDS[kind]:
            raise LvmError(f"  Unrecognised field: {f}", EINVALID_CMD_LINE)
        if f:
            fields.append(f)
    units, nosuffix = opts.get("units"), bool(opts.get("nosuffix"))
    table = []
    for r in rows:
        out = {}
        for f in fields:
            r.setdefault(f, "")
            out[f] = fmt_size(r[f], units, nosuffix) if f in SIZE_FIELDS else str(r[f])
        table.append(out)
    if opts.get("reportformat") == "json":
        key = kind[:-1]
        body = ",\n".join("                  {" + ", ".join(
            f'"{f}":{json.dumps(row[f])}' for f in fields) + "}" for row in table)
        print("  {\n      \"report\": [\n          {\n              \"%s\": [\n%s%s"
              "              ]\n          }\n      ]\n  }" % (key, body, "\n" if body else ""))
        return
    if not table:
        return                                 # LVM prints no heading for no rows
    sep = opts.get("separator")
    lines = [] if opts.get("noheadings") else [{f: HEADINGS.get(f, f) for f in fields}]
    lines += table
    if sep is not None:
        for line in lines:
            print("  " + sep.join(line[f] for f in fields))
        return
    width = {f: max(len(line[f]) for line in lines) for f in fields}
    for line in lines:
        cells = [line[f].rjust(width[f]) if f in SIZE_FIELDS or f.endswith(("_count", "percent"))
                 else line[f].ljust(width[f]) for f in fields]
        print(("  " + " ".join(cells)).rstrip())


def cmd_pvs(host, opts, pos):
    devs = [host.pv(p)[0] for p in pos] if pos else sorted(host.state["pvs"])
    report("pvs", [pv_row(host, d) for d in devs], opts)


def cmd_vgs(host, opts, pos):
    names = pos or sorted(host.state["vgs"])
    for n in names:
        host.vg(n)
    rows = []
    for n in names:
        row = vg_row(host, n)
        row.update({k: v for k, v in pv_row(host, host.state["vgs"][n]["pv"]).items()
                    if k.startswith("pv_") or k in ("dev_size", "pe_start")})
        rows.append(row)
    report("vgs", rows, opts)


def cmd_lvs(host, opts, pos):
    rows = []
    if not pos:
        for vg in sorted(host.state["vgs"]):
            rows += list(lv_rows(host, vg))
    for spec in pos:
        if "/" not in spec:                               # a VG name
            host.vg(spec)
            rows += list(lv_rows(host, spec))
        else:
            vg, name, _ = host.lv(spec)
            rows += [r for r in lv_rows(host, vg) if r["lv_name"] == name]
    report("lvs", rows, opts)


def cmd_vgdisplay(host, opts, pos):
    if not opts.get("colon"):
        raise LvmError("  the stand-in supports only vgdisplay -c", EINVALID_CMD_LINE)
    for name in pos or sorted(host.state["vgs"]):
        v = host.vg(name)
        used = host.alloc_extents(name)
        lvs = v["lvs"].values()
        opened = sum(1 for x in lvs if x.get("loop") and os.path.exists(x["loop"])
                     and mountpoint_of(x["loop"]))
        print(f"  {name}:r/w:772:-1:0:{len(v['lvs'])}:{opened}:-1:0:1:1:"
              f"{v['extents'] * v['extent'] // KIB}:{v['extent'] // KIB}:{v['extents']}:"
              f"{used}:{v['extents'] - used}:{v['uuid']}")


LVCREATE_HELP = """  lvcreate - Create a logical volume (TEST-ONLY stand-in)

  lvcreate --thin VG/ThinPool --size Size --virtualsize Size --name LV
        [ --poolmetadatasize Size ] [ --chunksize Size ] [ --autobackup y|n ]
  lvcreate --snapshot LV --name LV [ --setactivationskip y|n ]
  lvcreate --thinpool LV --size Size VG"""

COMMANDS = {
    "pvcreate": cmd_pvcreate, "pvremove": cmd_pvremove, "pvs": cmd_pvs,
    "vgcreate": cmd_vgcreate, "vgremove": cmd_vgremove, "vgs": cmd_vgs,
    "vgdisplay": cmd_vgdisplay, "lvcreate": cmd_lvcreate, "lvremove": cmd_lvremove,
    "lvs": cmd_lvs, "lvchange": cmd_lvchange, "lvextend": cmd_lvextend,
}


def main(argv):
    prog = os.path.basename(argv[0])
    args = argv[1:]
    if prog in ("lvm", "lvm.py"):
        if not args or args[0] in ("version", "help"):
            print("  LVM version:     2.03.16(2) (TEST-ONLY stand-in for the GlusterFS testbed)")
            return 0
        prog, args = args[0], args[1:]
    if prog not in COMMANDS:
        sys.stderr.write(f"  No such command '{prog}'.  Try 'help'.\n")
        return EINVALID_CMD_LINE
    if prog == "vgdisplay":                       # -c is --colon here
        args = ["--colon" if a == "-c" else a for a in args]
        OPTIONS["--colon"] = ("colon", False)
    host, code, err = None, 0, ""
    try:
        opts, pos = parse_args(prog, args)
        host = Host()
        COMMANDS[prog](host, opts, pos)
        host.save()
    except LvmError as e:
        code, err = e.code, str(e)
        if host:
            host.save()                           # keep what really happened
        sys.stderr.write(err + "\n")
    finally:
        if host:
            host.log([prog] + args, code, err)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
