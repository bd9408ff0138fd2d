namespace BootTests.Images.Sources;

/// <summary>A folder holding a root tree, read by GNU tar with owners, modes, links, device nodes and xattrs kept.</summary>
internal sealed class DirectorySource(string path, IProgress<string>? progress) : IRootfsSource
{
    public RootfsKind Kind => RootfsKind.Dir;
    public string Input => $"folder '{path}'";
    public string Reference => path;

    public Task<string?> DigestAsync(CancellationToken ct) => Task.FromResult<string?>(null);

    public async Task<SourceRead> ReadAsync(string work, CancellationToken ct)
    {
        var tar = Path.Combine(work, "raw.tar");
        progress?.Report($"source: reading {Input} with GNU tar");
        // Sorted, numeric owners and no access or change times: the same tree always gives the same tar.
        string[] arguments =
        [
            "--create", "--file", tar, "--directory", path, "--xattrs", "--xattrs-include=*", "--numeric-owner", "--sort=name",
            "--format=posix", "--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime", "--one-file-system", ".",
        ];
        var result = await SourceTool.RunAsync("tar", arguments, ct);
        if (result.ExitCode != 0)
        {
            throw TreeReader.Bad(Input, $"cannot be read whole: tar says '{result.ErrorLine}'",
                result.ExitCode == 1 ? "it changed while being read; read it again once nothing writes to it" : "read it as root (owners, devices and root-only files need it), or give a tarball");
        }
        return new SourceRead(TreeReader.Read(tar, Input), new Dictionary<string, string>());
    }
}
