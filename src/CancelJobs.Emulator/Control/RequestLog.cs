using System.Collections.Generic;

namespace CancelJobs.Emulator.Control;

/// <summary>
/// Append-only log of AWS requests. One lock orders sequence numbers and appends together, so
/// concurrent requests never lose or reorder entries. Bounded so long benchmarks cannot exhaust memory.
/// </summary>
internal sealed class RequestLog(int capacity = 100_000)
{
    private readonly object gate = new();
    private readonly Queue<RequestLogEntry> entries = new();
    private long lastSequence;

    public RequestLogEntry Append(RequestLogEntry entry)
    {
        lock (gate)
        {
            RequestLogEntry numbered = entry with { Sequence = ++lastSequence };
            entries.Enqueue(numbered);
            if (entries.Count > capacity) entries.Dequeue();
            return numbered;
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (gate) return entries.ToArray();
    }

    public void Clear()
    {
        lock (gate) entries.Clear();
    }
}
