namespace BootTests.BootMedia;

/// <summary>One thing the HTTP boot server saw: a request began, or its answer was sent in full (or failed).</summary>
/// <param name="Path">The URL path the guest asked for, e.g. "/vmlinuz".</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Bytes">Bytes of the body sent so far (the whole file once Finished).</param>
/// <param name="Finished">False when the request arrives, true once the answer is sent or has failed.</param>
public sealed record BootFileEvent(string Path, int Status, long Bytes, bool Finished);
