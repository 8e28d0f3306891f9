using System;
using System.Management.Automation;

namespace CancelJobs.Infrastructure
{
    /// <summary>The executor's failure for an item refused before sending; its error record is written as it is.</summary>
    internal sealed class RejectedBeforeSendingException : Exception
    {
        public RejectedBeforeSendingException(ErrorRecord record) : base(record.Exception.Message) => Record = record;

        public ErrorRecord Record { get; }
    }
}
