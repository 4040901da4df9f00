#!/usr/bin/env python3
"""Runs a command on a fresh pseudo-terminal and drives a console session in it.

usage: pty-driver.py SCENARIO -- COMMAND...   (SCENARIO: leave | exit | sigterm)

Prints one JSON object: the command's exit code, everything it wrote to the terminal, the
terminal's settings (`stty -g`) before, during and after, and the sizes the remote shell saw.
"""
import fcntl, json, os, pty, select, signal, struct, subprocess, sys, termios, time

DEADLINE = time.monotonic() + 20


def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def stty(fd):
    return subprocess.run(["stty", "-g"], stdin=fd, capture_output=True, text=True).stdout.strip()


def main():
    scenario = sys.argv[1]
    cmd = sys.argv[sys.argv.index("--") + 1 :]
    master, slave = pty.openpty()
    set_size(slave, 30, 100)
    before = stty(slave)
    child = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                             preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    out = b""

    def read_until(marker, count=1):
        nonlocal out
        while out.count(marker) < count:
            if time.monotonic() > DEADLINE:
                raise SystemExit(json.dumps({"error": "timeout", "output": out.decode("utf8", "replace")}))
            r, _, _ = select.select([master], [], [], 0.2)
            if r:
                try:
                    out += os.read(master, 4096)
                except OSError:
                    return

    prompt = b":~# "
    read_until(prompt)
    during = stty(slave)
    os.write(master, b"hello\r")
    read_until(prompt, 2)
    os.write(master, b"stty size\r")
    read_until(prompt, 3)
    set_size(slave, 40, 120)
    os.killpg(child.pid, signal.SIGWINCH)
    # the new size goes out when pvectl handles SIGWINCH, which may come after the next keys:
    # ask again until the guest has it (no sleep, so no dependence on the machine's speed)
    prompts = 3
    while b"40 120" not in out:
        os.write(master, b"stty size\r")
        prompts += 1
        read_until(prompt, prompts)
    if scenario == "leave":
        os.write(master, b"\x1d")
    elif scenario == "exit":
        os.write(master, b"exit\r")
    else:
        child.send_signal(signal.SIGTERM)
    try:
        code = child.wait(timeout=max(1, DEADLINE - time.monotonic()))
    except subprocess.TimeoutExpired:
        child.kill()
        code = "killed"
    while True:
        r, _, _ = select.select([master], [], [], 0.1)
        if not r:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    print(json.dumps({"code": code, "output": out.decode("utf8", "replace"), "before": before,
                      "during": during, "after": stty(slave)}))


main()
