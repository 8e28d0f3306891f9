using System;

namespace CancelJobs.Engine.Bulk
{
    /// <summary>What happened to one submitted item: its result or its error, and whether a request left for it.</summary>
    public sealed class BulkOutcome<TItem, TResult>
    {
        private volatile bool completed;

        internal BulkOutcome(TItem item)
        {
            Item = item;
        }

        public TItem Item { get; }

        /// <summary>True once the work has finished one way or the other; until then Result and Error mean nothing.</summary>
        public bool Completed { get => completed; internal set => completed = value; }

        public TResult? Result { get; internal set; }
        public Exception? Error { get; internal set; }

        /// <summary>False when the item was canceled while it waited for a slot, so nothing was sent for it.</summary>
        public bool Started { get; internal set; }

        public bool Succeeded => Completed && Error == null;
    }
}
