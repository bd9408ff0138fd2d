namespace BootTests;

/// <summary>
/// The names of the stages a run goes through, shared by errors (<see cref="BootTestsException.Stage"/>), reports and
/// terminal lines; during the boot itself the stage is the milestone being waited for (Serial.Milestones).
/// </summary>
public static class Stage
{
    // Inputs, checked before anything is built or booted.
    public const string Recipe = "recipe";
    public const string Layout = "layout";
    public const string Kernel = "kernel";
    public const string Initrd = "initrd";
    public const string Append = "append";
    public const string BootVia = "boot-via";
    public const string Memory = "memory";
    public const string Output = "output";
    public const string History = "history";
    public const string Runs = "runs";

    // The host, and what is built on it.
    public const string Environment = "environment";
    public const string Rootfs = "rootfs";

    /// <summary>Reading a recipe's own tree (tarball, directory, OCI image, disk image) into the cache.</summary>
    public const string Source = "source";

    /// <summary>The bootability lint of a tree, before it is packed.</summary>
    public const string Lint = "lint";
    public const string Image = "image";
    public const string BootMedia = "boot-media";

    /// <summary>Choosing the accelerator and starting QEMU, before the first milestone.</summary>
    public const string Boot = "boot";

    /// <summary>Logging in over SSH (a boot stage: its milestone is ssh-ready).</summary>
    public const string Ssh = "ssh";
    public const string Checks = "checks";

    /// <summary>A test's own commands and waits in the booted guest (SucceedAsync, WaitForFileAsync…), and copying files in and out.</summary>
    public const string Guest = "guest";

    /// <summary>Powering the guest off or rebooting it, and QEMU's exit after it.</summary>
    public const string PowerOff = "power-off";
    public const string Report = "report";

    // Commands whose own loops can fail.
    public const string Measure = "measure";
    public const string Benchmark = "benchmark";
    public const string Soak = "soak";
    public const string Diff = "diff";

    // Suites: many targets, shards of them, and their merged results.
    public const string Suite = "suite";
    public const string Shard = "shard";
    public const string Merge = "merge";
    public const string Compare = "compare";
}
