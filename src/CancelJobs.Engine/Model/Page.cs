using System.Collections.Generic;

namespace CancelJobs.Engine.Model
{
    /// <summary>One page of a list operation and the token for the next (null on the last page).</summary>
    public sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, string? nextToken)
        {
            Items = items;
            NextToken = string.IsNullOrEmpty(nextToken) ? null : nextToken;
        }

        public IReadOnlyList<T> Items { get; }
        public string? NextToken { get; }
    }
}
