#!/usr/bin/python3
# The baseline for issue 13: what a user's own script does to list the VMs of a cluster with
# python3-proxmoxer (Debian's package, the version apt installs). Token auth, one GET
# cluster/resources type=vm, qemu only, sorted by VMID, printed as an aligned table or as JSON.
# Takes pvectl's environment (PVECTL_URL, PVECTL_TOKEN); the simulator's certificate is
# self-signed and this script has no pin, so it does what such scripts do: verify_ssl=False.
# Usage: proxmoxer-list.py table|json
import json
import os
import sys
from urllib.parse import urlparse

import urllib3
from proxmoxer import ProxmoxAPI


def human_bytes(n):
    units = ["B", "KiB", "MiB", "GiB", "TiB"]
    value, unit = float(n), 0
    while value >= 1024 and unit < len(units) - 1:
        value /= 1024
        unit += 1
    return f"{int(value)} B" if unit == 0 else f"{value:.1f} {units[unit]}"


def human_uptime(s):
    if not s:
        return "-"
    d, h, m = s // 86400, s % 86400 // 3600, s % 3600 // 60
    return f"{d}d {h}h" if d else f"{h}h {m}m" if h else f"{m}m"


def main():
    fmt = sys.argv[1] if len(sys.argv) > 1 else "table"
    url = urlparse(os.environ["PVECTL_URL"])
    user_token, secret = os.environ["PVECTL_TOKEN"].split("=", 1)
    user, token_name = user_token.split("!", 1)
    urllib3.disable_warnings()
    pve = ProxmoxAPI(
        url.hostname,
        port=url.port or 8006,
        user=user,
        token_name=token_name,
        token_value=secret,
        verify_ssl=False,
    )
    vms = [r for r in pve.cluster.resources.get(type="vm") if r.get("type") == "qemu"]
    vms.sort(key=lambda r: r["vmid"])
    if fmt == "json":
        sys.stdout.write(json.dumps(vms, indent=2) + "\n")
        return
    header = ["VMID", "NAME", "STATUS", "NODE", "CPUS", "MEMORY", "DISK", "UPTIME", "TAGS"]
    rows = [
        [
            str(r["vmid"]),
            r.get("name", ""),
            "template" if r.get("template") else r.get("status", "unknown"),
            r.get("node", ""),
            str(r.get("maxcpu", "-")),
            human_bytes(r["maxmem"]) if "maxmem" in r else "-",
            human_bytes(r["maxdisk"]) if "maxdisk" in r else "-",
            human_uptime(r.get("uptime", 0)),
            (r.get("tags") or "-").replace(";", ","),
        ]
        for r in vms
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(header)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header] + rows]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
