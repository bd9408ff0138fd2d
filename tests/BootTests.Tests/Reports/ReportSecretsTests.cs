using BootTests.Checks;
using BootTests.Guest;
using BootTests.Reports;

namespace BootTests.Tests.Reports;

[TestFixture]
[Category(Categories.Unit)]
public sealed class ReportSecretsTests
{
    private const string Password = "hunter2-very-secret";

    [Test]
    public void A_run_that_used_a_password_leaves_it_out_of_both_reports()
    {
        var credentials = SshCredentials.WithPassword("root", Password);
        var refused = new SshAuthenticationFailedException(
            new GuestEndpoint("127.0.0.1", 2222), credentials, new Exception("Permission denied (password)."));
        var report = SampleReports.Passing with
        {
            Checks = [new CheckResult("ssh-login", false, $"login as {credentials}", refused.Message)],
            Failure = new ReportFailure("ssh", refused.Message, [credentials.ToString()]),
        };
        var directory = Path.Combine(Path.GetTempPath(), "boottests-secrets-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            JsonReportWriter.Write(report, Path.Combine(directory, "report.json"));
            JUnitReportWriter.Write(report, Path.Combine(directory, "junit.xml"));

            foreach (var file in Directory.GetFiles(directory))
            {
                var text = File.ReadAllText(file);
                text.Should().Contain("root (password, not shown)", "the report still says how the login was attempted");
                text.Should().NotContain("hunter2", $"{Path.GetFileName(file)} must not carry the password");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
