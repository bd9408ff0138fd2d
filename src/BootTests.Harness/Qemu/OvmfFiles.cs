namespace BootTests.Qemu;

/// <summary>Debian's OVMF (package ovmf): the read-only firmware code and the template of the variable store each machine gets a copy of.</summary>
public static class OvmfFiles
{
    public static string Code => Host.Prerequisites.Ovmf.Program;
    public const string VarsTemplate = "/usr/share/OVMF/OVMF_VARS_4M.fd";

    /// <summary>Where a machine's own copy of the variable store goes (UEFI writes to it).</summary>
    public static string VarsIn(string runDirectory) => Path.Combine(runDirectory, "ovmf-vars.fd");
}
