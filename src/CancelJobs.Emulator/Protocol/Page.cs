namespace CancelJobs.Emulator.Protocol;

/// <summary>One page cut from a store: the items and where the next page starts (null on the last page).</summary>
internal sealed record Page<T>(System.Collections.Generic.IReadOnlyList<T> Items, int? NextPosition)
{
    public string? NextToken => PageToken.Encode(NextPosition);
}
