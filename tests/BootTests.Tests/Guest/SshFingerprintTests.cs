using BootTests.Guest;

namespace BootTests.Tests.Guest;

[TestFixture]
[Category(Categories.Unit)]
public sealed class SshFingerprintTests
{
    [Test]
    public void The_fingerprint_matches_what_ssh_keygen_prints()
    {
        // ssh-keygen -lf on this key printed: 256 SHA256:DNOz+b3WBG8dAnIXaCBTiQc3vMSu66fJyBXEHb3CVkc test (ED25519)
        const string publicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJx4B8Enr94Y8kU5EVwrpPD2e7mCFT459s4dpecRzgsm test";

        SshFingerprint.OfPublicKeyLine(publicKey).Should().Be("SHA256:DNOz+b3WBG8dAnIXaCBTiQc3vMSu66fJyBXEHb3CVkc");
    }

    [Test]
    public void A_pin_must_look_like_an_openssh_sha256_fingerprint()
    {
        var pin = () => HostKeyPin.Expect("MD5:aa:bb");

        pin.Should().Throw<ArgumentException>().WithMessage("*SHA256:<base64>*ssh-keygen -lf*");
    }

    [Test]
    public void An_unpinned_pin_accepts_any_key_and_a_pinned_one_only_its_own()
    {
        var pinned = HostKeyPin.Expect(" SHA256:abc ");

        HostKeyPin.NotPinned.Accepts("SHA256:anything").Should().BeTrue();
        pinned.Accepts("SHA256:abc").Should().BeTrue();
        pinned.Accepts("SHA256:abd").Should().BeFalse();
    }
}
