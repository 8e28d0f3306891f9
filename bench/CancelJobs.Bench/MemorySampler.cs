using System;
using System.IO;
using System.Threading;

namespace CancelJobs.Bench;

/// <summary>Samples this process's resident set and GC heap every few milliseconds and keeps the peaks.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Timer timer;
    private long peakRss;
    private long peakHeap;

    public MemorySampler(int intervalMs = 10)
    {
        Sample();
        timer = new Timer(_ => Sample(), null, intervalMs, intervalMs);
    }

    public long PeakRssBytes { get { Sample(); return Interlocked.Read(ref peakRss); } }
    public long PeakGcHeapBytes { get { Sample(); return Interlocked.Read(ref peakHeap); } }

    public void Dispose() => timer.Dispose();

    private void Sample()
    {
        long rss = Environment.WorkingSet;
        long heap = GC.GetTotalMemory(false);
        Max(ref peakRss, rss);
        Max(ref peakHeap, heap);
    }

    private static void Max(ref long field, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref field)) && Interlocked.CompareExchange(ref field, value, seen) != seen) { }
    }

    /// <summary>The kernel's high-water mark of this process's resident set (VmHWM), or -1 off Linux.</summary>
    public static long HighWaterMarkBytes()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().ToString().Replace(" kB", "")) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return -1;
    }
}
