using System;
using System.Collections.Generic;
using System.Linq;

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

        /// <summary>Items the service answered but a filter dropped (e.g. jobs already written for another query).</summary>
        public int Dropped { get; private set; }

        /// <summary>The same page (same next token) keeping only the items that pass <paramref name="keep"/>.</summary>
        public Page<T> Where(Func<T, bool> keep)
        {
            var kept = Items.Where(keep).ToList();
            return new Page<T>(kept, NextToken) { Dropped = Dropped + Items.Count - kept.Count };
        }
    }
}
