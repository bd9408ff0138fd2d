#!/bin/bash
# Rebuilds the two hand-made initramfs images of this measurement from a built default fast image
# (boottest build --layout fast) and its cached tree; run in an empty folder, then ./run.sh net.img / fast.img
# with `python3 -m http.server --bind 127.0.0.1 9000` running in ./parts.
set -euo pipefail
image=$(ls -d ~/.cache/boottests/images/debian-bookworm-fast-*/ | head -1)
tree=$(ls ~/.cache/boottests/rootfs/*/rootfs.tar | head -1)
here=$(cd "$(dirname "$0")" && pwd)
version=$(tar -tf "$tree" | sed -n 's|^\./usr/lib/modules/\([^/]*\)/modules.dep$|\1|p')
python3 -c "import lzma,sys; d=open('$image/vmlinuz','rb').read(); i=d.find(b'\xfd7zXZ\x00'); open('vmlinux','wb').write(lzma.LZMADecompressor().decompress(d[i:]))"
mkdir -p root parts
(cd root && cpio -idm --quiet < "$image/initramfs.img")
mv root/payload/part-* parts/
mkdir -p root/mods
for m in drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci_modern_dev \
         drivers/virtio/virtio_pci net/core/failover drivers/net/net_failover drivers/net/virtio_net; do
    tar -xOf "$tree" "./usr/lib/modules/$version/kernel/$m.ko" > "root/mods/$(basename "$m").ko"
done
cp "$here/init-net" root/init && (cd root && find . | cpio -o -H newc --quiet) > net.img
cp -a root rootf && rm -rf rootf/mods && cp "$here/init-fast" rootf/init && cp parts/* rootf/payload/
(cd rootf && find . | cpio -o -H newc --quiet) > fast.img
