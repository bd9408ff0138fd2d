using BootTests.Serial;

namespace BootTests.Tests.TestKit;

/// <summary>
/// A fake machine for plan tests: feeds a recorded console, line by line, into a real <see cref="BootTimeline"/>, as
/// QEMU's console would (and, for iPXE, the HTTP server's download-end once the console shows the initramfs fetched).
/// </summary>
internal static class TranscriptReplay
{
    /// <summary>Plays the first <paramref name="lines"/> lines (all when null), one every <paramref name="pause"/>.</summary>
    public static async Task PlayAsync(BootTimeline timeline, string transcript, TimeSpan pause, int? lines = null, CancellationToken ct = default)
    {
        var all = Transcripts.Load(transcript).Lines;
        var seconds = 0.0;
        foreach (var line in all.Take(lines ?? all.Count))
        {
            ct.ThrowIfCancellationRequested();
            seconds += pause.TotalSeconds;
            timeline.Observe(line, seconds);
            if (line.Text.Contains("initramfs.img... ok", StringComparison.Ordinal)) timeline.Reach(Milestones.DownloadEnd, seconds);
            await Task.Delay(pause, ct);
        }
    }
}
