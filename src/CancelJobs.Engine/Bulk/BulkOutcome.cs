using System;

namespace CancelJobs.Engine.Bulk
{
    /// <summary>What happened to one submitted item: its result or its error, and whether a request left for it.</summary>
    public sealed class BulkOutcome<TItem, TResult>
    {
        internal BulkOutcome(TItem item, long sequence)
        {
            Item = item;
            Sequence = sequence;
        }

        public TItem Item { get; }

        /// <summary>Position in input order, from 0.</summary>
        public long Sequence { get; }

        public TResult? Result { get; internal set; }
        public Exception? Error { get; internal set; }

        /// <summary>False when the item was canceled while it waited for a slot, so nothing was sent for it.</summary>
        public bool Started { get; internal set; }

        public bool Succeeded => Error == null;
    }
}
