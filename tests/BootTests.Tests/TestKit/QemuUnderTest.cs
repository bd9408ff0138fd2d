using System.Diagnostics;
using System.Text;

namespace BootTests.Tests.TestKit;

/// <summary>A real qemu-system-x86_64 with a QMP socket in its own temp directory, killed and cleaned up on dispose.</summary>
internal sealed class QemuUnderTest : IDisposable
{
    public const string Executable = "qemu-system-x86_64";

    private readonly DirectoryInfo dir;
    private readonly Process process;
    private readonly StringBuilder output = new();

    private QemuUnderTest(DirectoryInfo dir, Process process)
    {
        this.dir = dir;
        this.process = process;
    }

    public string SocketPath => Path.Combine(dir.FullName, "qmp.sock");

    public string Directory => dir.FullName;

    public Process Process => process;

    /// <summary>What QEMU printed on stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts QEMU paused (-S) with no devices but those in <paramref name="machineArguments"/>.</summary>
    public static QemuUnderTest Start(params string[] machineArguments)
    {
        var executable = FindOnPath(Executable)
            ?? throw new AssertionException($"{Executable} is not installed (not found on PATH); boot tests need it: apt-get install qemu-system-x86");

        var dir = System.IO.Directory.CreateTempSubdirectory("qmp-qemu-");
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-nodefaults", "-no-user-config", "-display", "none"])
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var argument in machineArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var argument in (string[])["-qmp", $"unix:{Path.Combine(dir.FullName, "qmp.sock")},server=on,wait=off", "-S"])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var qemu = new QemuUnderTest(dir, process);
        process.OutputDataReceived += (_, e) => qemu.Append(e.Data);
        process.ErrorDataReceived += (_, e) => qemu.Append(e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            qemu.Dispose();
            throw;
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return qemu;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    public void Dispose()
    {
        try
        {
            if (IsRunning())
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        finally
        {
            process.Dispose();
            dir.Delete(recursive: true);
        }
    }

    private bool IsRunning()
    {
        try
        {
            return !process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return false; // never started
        }
    }
}
