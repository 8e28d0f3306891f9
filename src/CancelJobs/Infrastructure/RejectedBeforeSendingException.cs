using System;
using System.Management.Automation;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// The executor's failure for an item refused before sending, so the item fails (and halts under -ErrorAction Stop)
    /// like any other; what is written is the item's own error record (<see cref="StopItem{TTarget, TCancellation}.Rejection"/>).
    /// </summary>
    internal sealed class RejectedBeforeSendingException : Exception
    {
        public RejectedBeforeSendingException(ErrorRecord record) : base(record.Exception.Message)
        {
        }
    }
}
