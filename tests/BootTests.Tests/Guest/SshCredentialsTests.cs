using BootTests.Guest;

namespace BootTests.Tests.Guest;

[TestFixture]
[Category(Categories.Unit)]
public sealed class SshCredentialsTests
{
    [Test]
    public void A_password_never_shows_in_the_text_of_the_credentials_or_of_an_authentication_error()
    {
        var credentials = SshCredentials.WithPassword("root", "hunter2-secret");
        var error = new SshAuthenticationFailedException(
            new GuestEndpoint("127.0.0.1", 2222), credentials, new Exception("Permission denied (password)."));

        credentials.ToString().Should().NotContain("hunter2").And.Contain("root");
        error.Message.Should().NotContain("hunter2").And.Contain("127.0.0.1:2222");
    }

    [Test]
    public void Key_credentials_name_the_key_file()
    {
        SshCredentials.WithPrivateKeyFile("root", "/keys/id_ed25519").ToString().Should().Contain("/keys/id_ed25519");
    }
}
