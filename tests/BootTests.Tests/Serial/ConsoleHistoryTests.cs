using System.Text.RegularExpressions;
using BootTests.Serial;

namespace BootTests.Tests.Serial;

[TestFixture]
[Category(Categories.Unit)]
public sealed class ConsoleHistoryTests
{
    [Test]
    public void Lines_are_found_from_a_number_on_and_keep_their_numbers_once_old_ones_are_dropped()
    {
        var history = new ConsoleHistory(capacity: 3);
        history.Add([new("login: ", IsPartial: true), new("login: root"), new("Password: ", IsPartial: true), new("Login incorrect"), new("login: ", IsPartial: true)]);

        history.Next.Should().Be(5);
        history.Find(new Regex("Password"), from: 0)!.Value.Number.Should().Be(2);
        history.Find(new Regex("^login: $"), from: 0)!.Value.Number.Should().Be(4, "the first two lines were dropped");
        history.Find(new Regex("Password"), from: 3).Should().BeNull();
        history.Last(2).Should().Equal("Login incorrect", "login: ");
    }
}
