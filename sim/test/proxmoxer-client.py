"""Drives pvesim with proxmoxer the way a user's script would; prints one JSON object of outcomes.

Reads {"url", "token", "ca", "wrong"} as JSON on stdin. Each step records either the answer or
what proxmoxer raised (status_code, status_message, content), so the test can assert on both.
"""
import json
import sys
import time
from urllib.parse import urlsplit

from proxmoxer import ProxmoxAPI
from proxmoxer.core import ResourceException

cfg = json.load(sys.stdin)
url = urlsplit(cfg["url"])


def api(token):
    user, rest = token.split("!", 1)
    name, secret = rest.split("=", 1)
    return ProxmoxAPI(url.hostname, port=url.port, user=user, token_name=name, token_value=secret,
                      verify_ssl=cfg["ca"])


def attempt(fn):
    try:
        return {"ok": fn()}
    except ResourceException as e:
        return {"status": e.status_code, "message": e.status_message, "content": e.content}


pve = api(cfg["token"])
node = pve.nodes("pve1")


def wait(upid):
    # polls until the task ends; the simulator's tasks take 20 ms, the bound only stops a hang
    for _ in range(5000):
        st = node.tasks(upid).status.get()
        if st["status"] == "stopped":
            return st["exitstatus"]
        time.sleep(0.01)
    raise RuntimeError("task did not end: " + upid)


out = {"release": pve.version.get()["release"]}
vmid = int(pve.cluster.nextid.get())
out["create"] = wait(node.qemu.create(vmid=vmid, name="py-vm", memory=512, net0="virtio,bridge=vmbr0"))
out["start"] = wait(node.qemu(vmid).status.start.post())
out["second_start"] = wait(node.qemu(vmid).status.start.post())
out["status"] = node.qemu(vmid).status.current.get()
out["bad_param"] = attempt(lambda: node.qemu(vmid).config.put(memory="lots"))
out["taken_vmid"] = attempt(lambda: node.qemu.create(vmid=100, memory=512))
out["unknown_vm"] = attempt(lambda: node.qemu(99999).status.current.get())
out["stop"] = wait(node.qemu(vmid).status.stop.post())
out["second_stop"] = wait(node.qemu(vmid).status.stop.post())
out["reboot_stopped"] = attempt(lambda: node.qemu(vmid).status.reboot.post())
out["delete"] = wait(node.qemu(vmid).delete())
out["after_delete"] = attempt(lambda: node.qemu(vmid).config.get())
out["offline_node"] = attempt(lambda: pve.nodes("pve3").status.get())
out["resources"] = sorted({r["type"] for r in pve.cluster.resources.get()})
out["storages"] = [s["storage"] for s in pve.storage.get()]
out["wrong_token"] = attempt(lambda: api(cfg["wrong"]).version.get())
json.dump(out, sys.stdout)
