namespace BootTests.Serial;

/// <summary>How bad a console line is: a warning is kept as evidence, a fatal line ends the boot at once.</summary>
public enum ConsoleSeverity
{
    Warning,
    Fatal,
}
