#!/bin/bash
# usage: run-ipxe.sh IMG: boots ./vmlinuz + IMG through QEMU's iPXE ROM from serve.py on 127.0.0.1:9000 (serving .),
# the parts' eight forwards as in run.sh; prints each console line of interest with the host's seconds since QEMU started.
img=$1; shift
printf '#!ipxe\nkernel http://10.0.2.100/vmlinuz console=ttyS0 panic=-1 no_timer_check quiet\ninitrd http://10.0.2.100/%s\nboot\n' "$img" > boot.ipxe
fwd=",bootfile=http://10.0.2.100/boot.ipxe,guestfwd=tcp:10.0.2.100:80-chardev:b0"; chr=(-chardev socket,id=b0,host=127.0.0.1,port=9000)
for k in $(seq 1 8); do chr+=(-chardev socket,id=p$k,host=127.0.0.1,port=9000); fwd="$fwd,guestfwd=tcp:10.0.2.100:$((8000+k))-chardev:p$k"; done
timeout 120 qemu-system-x86_64 -nodefaults -no-user-config -display none -machine q35,graphics=off -accel tcg,thread=multi -cpu max,erms=off,fsrm=off -smp 2 -m 1024M \
 "${chr[@]}" -netdev user,id=n0,restrict=on$fwd -device virtio-net-pci,netdev=n0,bootindex=0 -serial stdio -no-reboot < /dev/null 2>&1 |
 python3 -u -c '
import sys, time
t0 = time.monotonic()
for line in sys.stdin:
    if any(k in line for k in ("Press Ctrl-B", "boot.ipxe", "vmlinuz", "initrd", "T ", "Linux version", "failed")):
        print(f"{time.monotonic() - t0:6.2f} {line.rstrip()[:100]}")
'
