#!/bin/bash
# usage: run.sh IMG [extra append]
img=$1; shift
fwd=""; chr=()
for k in $(seq 1 8); do chr+=(-chardev socket,id=p$k,host=127.0.0.1,port=9000); fwd="$fwd,guestfwd=tcp:10.0.2.100:$((8000+k))-chardev:p$k"; done
timeout 120 qemu-system-x86_64 -nodefaults -no-user-config -display none -machine q35 -accel tcg,thread=multi -cpu max,erms=off,fsrm=off -smp 2 -m 1024M \
 -kernel vmlinux -initrd $img -append "console=ttyS0 panic=-1 no_timer_check quiet $*" "${chr[@]}" \
 -netdev user,id=n0,restrict=on$fwd -device virtio-net-pci,netdev=n0 -serial stdio -no-reboot < /dev/null 2>&1 | grep -E "^T |failed|^[0-9]|Mem" 
